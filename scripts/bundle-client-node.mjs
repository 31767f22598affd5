// Replaces tsc's output for src/adapters/kube/client-node.ts with a tree-shaken bundle of the two
// client-node exports Driftline uses (ADR 0008). Run by `npm run build` after tsc.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/adapters/kube/client-node.ts'],
  outfile: 'dist/src/adapters/kube/client-node.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // node-fetch 2 → whatwg-url 5 → tr46 require Node's built-in `punycode`, deprecated since Node 21
  // (DEP0040; printed on every command once bundled, as the call no longer comes from
  // node_modules). The userland package is the same code under the name Node recommends.
  alias: { punycode: 'punycode/' },
  // Bundled CommonJS dependencies call require(); ES modules have none, so provide one.
  banner: {
    js: "import { createRequire as __driftlineRequire } from 'node:module';\nconst require = __driftlineRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
