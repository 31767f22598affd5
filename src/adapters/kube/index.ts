/** The kube adapter: the only module that talks to Kubernetes API servers. */
export { KubeClient, type ConnectOptions } from './client.js';
export { type ApiResource, type Discovery, findResource, mapDiscovery } from './discovery.js';
export { KubeError, type KubeErrorCode } from './errors.js';
export type * from './interfaces.js';
export { kubeconfigFiles, type KubeconfigSource, type LoadedKubeconfig, loadKubeconfig } from './kubeconfig.js';
export { resourcePath } from './paths.js';
export { DEFAULT_RETRY, type RetryPolicy, backoffDelay, isRetryable, withRetry } from './retry.js';
