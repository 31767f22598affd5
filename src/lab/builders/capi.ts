/** Cluster API vocabulary shared by the builders: versions, groups, labels and version-shaped refs. */

/** The Cluster API versions the builders can write; CAPV objects use the same version string. */
export type CapiVersion = 'v1beta1' | 'v1beta2';

/** The default version: v1beta1 is what most fleets (TKG 2.x) run. */
export const DEFAULT_CAPI_VERSION: CapiVersion = 'v1beta1';

/** The API groups of the Cluster API and CAPV kinds. */
export const GROUP = {
  cluster: 'cluster.x-k8s.io',
  controlPlane: 'controlplane.cluster.x-k8s.io',
  bootstrap: 'bootstrap.cluster.x-k8s.io',
  infrastructure: 'infrastructure.cluster.x-k8s.io',
} as const;

/** The Cluster API labels Driftline reads. */
export const LABEL = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  controlPlane: 'cluster.x-k8s.io/control-plane',
  controlPlaneName: 'cluster.x-k8s.io/control-plane-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  setName: 'cluster.x-k8s.io/set-name',
  machineTemplateHash: 'machine-template-hash',
} as const;

/** The Kubernetes version the builders give control planes, deployments and machines by default. */
export const DEFAULT_KUBERNETES_VERSION = 'v1.30.4';

/** `group/version`, e.g. `cluster.x-k8s.io/v1beta2`. */
export function apiVersionOf(group: string, version: CapiVersion): string {
  return `${group}/${version}`;
}

/**
 * A reference from one Cluster API object to another, in the shape of the given version:
 * v1beta1 refs are ObjectReferences carrying `apiVersion` (and the namespace), v1beta2 refs
 * are ContractVersionedObjectReferences carrying only `apiGroup`, `kind` and `name`.
 */
export function objectRef(
  version: CapiVersion,
  target: { group: string; kind: string; name: string; namespace: string },
): Record<string, string> {
  if (version === 'v1beta2') return { apiGroup: target.group, kind: target.kind, name: target.name };
  return {
    apiVersion: apiVersionOf(target.group, version),
    kind: target.kind,
    name: target.name,
    namespace: target.namespace,
  };
}

/** The label selector string `/scale` and `status.selector` carry: `k=v,k2` (empty values print bare). */
export function selectorString(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join(',');
}
