/** The kube adapter: the only module that talks to Kubernetes API servers. */
export { type ConnectOptions, KubeClient } from './client.js';
export { CORE_RESOURCES } from './core-resources.js';
export { type ApiResource, type Discovery, findResource, mapDiscovery } from './discovery.js';
export { KubeError, type KubeErrorCode } from './errors.js';
export type * from './interfaces.js';
export {
  type KubeconfigSource,
  kubeconfigFiles,
  type LoadedKubeconfig,
  loadKubeconfig,
} from './kubeconfig.js';
export { ensureNamespace, NAMESPACES } from './namespaces.js';
export { resourcePath } from './paths.js';
export { backoffDelay, DEFAULT_RETRY, isRetryable, type RetryPolicy, withRetry } from './retry.js';
