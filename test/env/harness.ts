/** Test-facing names for the local environment that `driftline lab` also uses. */
export {
  type LocalCluster as TestCluster,
  LocalEnv as TestEnv,
  type LocalEnvOptions as TestEnvOptions,
} from '../../src/lab/environment.js';
