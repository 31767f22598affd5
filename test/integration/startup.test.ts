// Start-up of the CLI as `npm run build` ships it (ADR 0013): help and the definitions load commander
// and the definitions only; a command's action, and what it needs, load when the command runs.
// Every module the process loads is traced (an ES module resolve hook, and require's cache at exit);
// the bundle's chunks are read for the modules esbuild put in them (its `// path` comments).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/driftline.js');
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'driftline-startup-'));

// Resolve hook (runs on the loader's thread) and an exit handler, writing one URL a line.
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.DRIFTLINE_TRACE, result.url + '\\n');
  return result;
}`;
const TRACE = `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
const cache = createRequire(process.execPath).cache;
process.on('exit', () => appendFileSync(process.env.DRIFTLINE_TRACE,
  Object.keys(cache).map((f) => pathToFileURL(f).href + '\\n').join('')));`;

/** Runs the built CLI and returns the packages and source modules it loaded. */
async function loaded(...args: string[]): Promise<{ packages: string[]; sources: string[] }> {
  const trace = join(dir, `trace-${args.join('-').replace(/\W+/g, '_')}.txt`);
  await run(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(TRACE)}`, BIN, ...args],
    {
      env: { PATH: process.env.PATH, HOME: dir, DRIFTLINE_TRACE: trace, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
  );
  const files = [...new Set(readFileSync(trace, 'utf8').split('\n'))]
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const file of files) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (pkg) packages.add(pkg);
    else if (file.startsWith(join(ROOT, 'dist/cli/')))
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+)$/gm)) {
        const bundled = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path!)?.[1];
        if (bundled) packages.add(bundled);
        else if (/^src\//.test(path!)) sources.add(path!);
      }
  }
  return { packages: [...packages].sort(), sources: [...sources].sort() };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/cli is missing: run `npm run build` first (npm test does)');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built CLI at start-up', () => {
  it.each([[['--help']], [['backup', '--help']], [['drift', 'status', '--help']], [['--version']]])(
    'driftline %s loads commander and the command definitions, nothing else',
    async (args) => {
      const { packages, sources } = await loaded(...args);
      expect(packages).toEqual(['commander']);
      expect(
        sources.filter((s) => !/^src\/(cli|common)\//.test(s) || s.startsWith('src/cli/actions/')),
      ).toEqual(['src/restore/types.ts']);
      expect(sources).toContain('src/cli/commands/backup/create.ts');
    },
  );

  it('driftline backup list loads its action and zod (the metadata is validated), not the Kubernetes client, the AWS SDK, yaml or pino', async () => {
    const { packages, sources } = await loaded('backup', 'list', '--store', join(dir, 'store'));
    expect(sources).toContain('src/cli/actions/backup/read.ts');
    expect(packages).toContain('zod');
    for (const heavy of ['@kubernetes/client-node', '@aws-sdk/client-s3', 'yaml', 'pino'])
      expect(packages).not.toContain(heavy);
    expect(sources.filter((s) => s.startsWith('src/adapters/kube/'))).toEqual([]);
  });
});
