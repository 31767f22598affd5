// Bundles the CLI that bin/driftline.js runs (ADR 0013): src/cli/main.ts with what it imports, split
// so that each command's action, imported when the command runs, is a chunk of its own. One file
// for the definitions instead of ~40 modules and commander's CommonJS cuts start-up by a third on
// Node 20. Run by `npm run build` after tsc and copy-assets; dist/src/ stays for tests and benchmarks.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

// Loaded from node_modules as published: pino resolves its worker transports by path, the AWS SDK
// is large and loads only for s3:// stores, prom-client has optional requires.
const EXTERNAL = ['pino', '@aws-sdk/*', '@smithy/*', 'prom-client'];

// The lab reads its CRD YAML from the folder of its module; in the bundle that module sits in a
// chunk in dist/cli/, so it reads them where copy-assets puts them, dist/src/lab/crds/.
const labCrdDir = {
  name: 'lab-crd-dir',
  setup(b) {
    b.onLoad({ filter: /src[\\/]lab[\\/]crds[\\/]index\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const here = "new URL('.', import.meta.url)";
      if (!source.includes(here)) throw new Error(`${args.path}: expected ${here} (scripts/bundle-cli.mjs)`);
      return { contents: source.replace(here, "new URL('../src/lab/crds/', import.meta.url)"), loader: 'ts' };
    });
  },
};

// Commander loads node:child_process (≈ 3 ms, with net and its streams) for stand-alone executable
// subcommands, which Driftline has none of: it gets the module when it first uses it.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'driftline' }
        : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'driftline' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

await build({
  ...nodeBundle,
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/cli',
  splitting: true,
  external: EXTERNAL,
  plugins: [labCrdDir, lazyChildProcess],
});
