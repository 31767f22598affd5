// What `npm pack` ships: the built CLI and what the lab needs at run time, and no test code.
// The tarball is unpacked as a user would install it and `driftline lab` is run from it, so a
// lab that still reached into test/ (or lost its CRDs or the simulator's source) fails here.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface PackResult {
  filename: string;
  files: { path: string }[];
}

// A test or spec file, or anything in a test, tests, testing or __tests__ folder (dist/test/ included).
const TEST_CODE = [/\.(test|spec)\./, /(^|\/)(test|tests|testing|__tests__)\//];

const CRD_FILES = readdirSync(join(ROOT, 'src/lab/crds')).filter((f) => f.endsWith('.yaml'));

async function pack(...args: string[]): Promise<PackResult> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as PackResult[])[0]!;
}

let packed: string[];
const tempDirs: string[] = [];

// The unpacked package and the lab's files are a few MiB a run: remove them afterwards.
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  packed = (await pack('--dry-run')).files.map((f) => f.path);
});

describe('npm pack', () => {
  it('ships no test code', () => {
    expect(packed.filter((path) => TEST_CODE.some((re) => re.test(path)))).toEqual([]);
  });

  it("ships the CLI, the lab's CRDs and the simulator's Go source", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'bin/driftline.js',
        'dist/src/cli/main.js',
        'dist/src/lab/lab.js',
        ...CRD_FILES.map((f) => `dist/src/lab/crds/${f}`),
        'scripts/testenv/provision.sh',
        'src/lab/vcsim/main.go',
      ]),
    );
  });
});

describe('the package as installed', () => {
  let pkg: string;

  beforeAll(async () => {
    const dir = tempDir('driftline-pack-');
    const { filename } = await pack('--pack-destination', dir);
    await run('tar', ['-xzf', join(dir, filename), '-C', dir]);
    pkg = join(dir, 'package');
    // Stands in for `npm install`: the package's dependencies, without reaching the network.
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  });

  it('resolves every relative import of dist/ inside the package', () => {
    const missing: string[] = [];
    for (const file of jsFiles(join(pkg, 'dist'))) {
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        if (!existsSync(resolve(dirname(file), spec)))
          missing.push(`${file.slice(pkg.length + 1)} → ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("provisions the simulator from the shipped main.go under the source's cache key", async () => {
    const cache = tempDir('driftline-pack-cache-');
    const { stdout } = await run('sha256sum', [join(ROOT, 'src/lab/vcsim/main.go')]);
    // A binary already cached under the key is reused, so nothing is compiled here.
    const cached = join(cache, `vcsim-${stdout.slice(0, 12)}`);
    writeFileSync(cached, '#!/bin/sh\n');
    chmodSync(cached, 0o755);
    await run('bash', [join(pkg, 'scripts/testenv/provision.sh'), 'vcsim'], {
      env: { ...process.env, DRIFTLINE_TESTENV_CACHE: cache },
    });
    expect(realpathSync(join(cache, 'vcsim'))).toBe(realpathSync(cached));
  });

  it('runs `driftline lab` with the CRDs and the simulator it ships', async () => {
    const lab = join(tempDir('driftline-pack-lab-'), 'lab');
    mkdirSync(lab);
    const { stdout } = await run(
      process.execPath,
      [join(pkg, 'bin/driftline.js'), 'lab', '--workload-clusters', '1', '--exit-when-ready', '--dir', lab],
      { cwd: lab, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(stdout).toContain('Driftline lab is up');
    const info = JSON.parse(readFileSync(join(lab, 'lab.json'), 'utf8')) as { clusters: unknown[] };
    expect(info.clusters).toHaveLength(1);
  });
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

// Static `from '…'` and dynamic `import('…')` specifiers that start with `./` or `../`.
function relativeImports(source: string): string[] {
  const specs: string[] = [];
  // Not any `.`: the bundled commander says "remove the description from '.command()'".
  for (const m of source.matchAll(/(?:from\s*|import\s*\(\s*)['"](\.\.?\/[^'"]+)['"]/g)) specs.push(m[1]!);
  return specs;
}
