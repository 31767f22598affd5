/** Cluster API's naming conventions: the Secrets and ConfigMaps named after a cluster (pure). */

/** Suffixes of what Cluster API and its providers name after a cluster: `<cluster>-kubeconfig`, `<cluster>-ca`, … */
export const CLUSTER_NAME_SUFFIXES: readonly string[] = [
  'kubeconfig',
  'user-kubeconfig',
  'ca',
  'etcd',
  'sa',
  'proxy',
  'apiserver-etcd-client',
  'ssh',
  'kubeadm-config',
];

/** The cluster `name` is named after (`<cluster>-<suffix>`), if `isCluster` knows it. */
export function clusterNamedIn(name: string, isCluster: (cluster: string) => boolean): string | undefined {
  for (const suffix of CLUSTER_NAME_SUFFIXES) {
    if (!name.endsWith(`-${suffix}`)) continue;
    const cluster = name.slice(0, -suffix.length - 1);
    if (isCluster(cluster)) return cluster;
  }
  return undefined;
}
