// esbuild settings shared by the build's bundles (ADR 0008, ADR 0013): ES modules for Node 20, with
// the CommonJS that bundled packages contain made to work inside them.
/** Options for a bundle run by Node as an ES module. */
export const nodeBundle = {
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
};
