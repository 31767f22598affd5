// Replaces tsc's output for src/adapters/kube/client-node.ts with a tree-shaken bundle of the two
// client-node exports Driftline uses (ADR 0008). Run by `npm run build` after tsc; the CLI's own
// bundle (bundle-cli.mjs) tree-shakes the same module the same way.
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

await build({
  ...nodeBundle,
  entryPoints: ['src/adapters/kube/client-node.ts'],
  outfile: 'dist/src/adapters/kube/client-node.js',
});
