/** Cluster API's names: its API groups, core types, labels, and the Secrets and ConfigMaps named after a cluster (pure). */
import { isRecord } from '../common/records.js';
import type { KubeObject } from './resource-key.js';

/** Cluster API's core API group. */
export const CAPI_GROUP = 'cluster.x-k8s.io';

/** True for the Cluster API family of API groups: core, bootstrap, control plane, infrastructure, addons, ipam, runtime. */
export function isCapiGroup(group: string): boolean {
  return group === CAPI_GROUP || group.endsWith(`.${CAPI_GROUP}`);
}

/** A Cluster API type as discovery resolves it (group, kind) and kubectl names it (group, plural). */
export interface CapiType {
  group: string;
  kind: string;
  resource: string;
}

/** The Cluster API core types Driftline looks up or names in commands. */
export const CAPI_TYPES = {
  cluster: { group: CAPI_GROUP, kind: 'Cluster', resource: 'clusters' },
  machine: { group: CAPI_GROUP, kind: 'Machine', resource: 'machines' },
  machineDeployment: { group: CAPI_GROUP, kind: 'MachineDeployment', resource: 'machinedeployments' },
} as const satisfies Record<string, CapiType>;

/** The Cluster API labels Driftline reads (and names in suggested commands). */
export const CAPI_LABEL = {
  clusterName: `${CAPI_GROUP}/cluster-name`,
  controlPlane: `${CAPI_GROUP}/control-plane`,
  deploymentName: `${CAPI_GROUP}/deployment-name`,
  setName: `${CAPI_GROUP}/set-name`,
} as const;

/** The Secret holding a workload cluster's admin kubeconfig: `<cluster>-kubeconfig`, in the Cluster's namespace. */
export function kubeconfigSecretName(cluster: string): string {
  return `${cluster}-kubeconfig`;
}

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

/**
 * Names of the Secrets and ConfigMaps a Cluster API object points at in its own namespace:
 * `spec.identityRef` (a Secret, e.g. VSphereCluster), `spec.resources[].name` (ClusterResourceSet),
 * `spec.bootstrap.dataSecretName` and `status.dataSecretName` (Machine, bootstrap configs).
 */
export function linkedObjectNames(obj: KubeObject): string[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const names: string[] = [];
  const identity = isRecord(spec.identityRef) ? spec.identityRef : {};
  if (identity.kind === 'Secret' && typeof identity.name === 'string' && identity.name)
    names.push(identity.name);
  const resources = Array.isArray(spec.resources) ? spec.resources : [];
  for (const r of resources) if (isRecord(r) && typeof r.name === 'string' && r.name) names.push(r.name);
  const bootstrap = isRecord(spec.bootstrap) ? spec.bootstrap : {};
  if (typeof bootstrap.dataSecretName === 'string' && bootstrap.dataSecretName)
    names.push(bootstrap.dataSecretName);
  const status = isRecord(obj.status) ? obj.status : {};
  if (typeof status.dataSecretName === 'string' && status.dataSecretName) names.push(status.dataSecretName);
  return names;
}
