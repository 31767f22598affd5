/**
 * The two parts of `@kubernetes/client-node` Driftline uses. `npm run build` replaces this module's
 * compiled output with an esbuild bundle of just these two (ADR 0008): the package's entry point
 * loads its whole generated API (2,500 models), about 0.4 s and 70 MiB at every start, for code
 * Driftline never calls. Tests import the package as published.
 */
export { KubeConfig, Watch } from '@kubernetes/client-node';
