/** Small builders of source objects for the move's unit tests. */
import type { ApiResource } from '../../../src/adapters/kube/discovery.js';
import type { KubeObject, OwnerReference } from '../../../src/model/resource-key.js';
import type { SourceObject } from '../../../src/move/types.js';

const GROUPS: Record<string, { group: string; resource: string }> = {
  Cluster: { group: 'cluster.x-k8s.io', resource: 'clusters' },
  ClusterClass: { group: 'cluster.x-k8s.io', resource: 'clusterclasses' },
  MachineDeployment: { group: 'cluster.x-k8s.io', resource: 'machinedeployments' },
  Machine: { group: 'cluster.x-k8s.io', resource: 'machines' },
  KubeadmControlPlane: { group: 'controlplane.cluster.x-k8s.io', resource: 'kubeadmcontrolplanes' },
  VSphereCluster: { group: 'infrastructure.cluster.x-k8s.io', resource: 'vsphereclusters' },
  VSphereMachineTemplate: { group: 'infrastructure.cluster.x-k8s.io', resource: 'vspheremachinetemplates' },
  ClusterResourceSet: { group: 'addons.cluster.x-k8s.io', resource: 'clusterresourcesets' },
  ClusterResourceSetBinding: { group: 'addons.cluster.x-k8s.io', resource: 'clusterresourcesetbindings' },
  Secret: { group: '', resource: 'secrets' },
  ConfigMap: { group: '', resource: 'configmaps' },
};

/** A served resource for a kind of the table above. */
export function apiOf(kind: string, version = 'v1beta1', preferred = true): ApiResource {
  const { group, resource } = GROUPS[kind] ?? { group: 'example.com', resource: `${kind.toLowerCase()}s` };
  return {
    group,
    version: group ? version : 'v1',
    resource,
    kind,
    namespaced: true,
    verbs: ['list', 'get', 'create', 'delete', 'patch', 'update'],
    preferred,
    shortNames: [],
  };
}

/** Options of {@link src}. */
export interface SrcOptions {
  ns?: string;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  labels?: Record<string, string>;
  owners?: SourceObject[];
  finalizers?: string[];
  extra?: Record<string, unknown>;
}

/** A source object of `kind` named `name`, uid `uid-<name>`, owned by `owners`. */
export function src(kind: string, name: string, o: SrcOptions = {}): SourceObject {
  const resource = apiOf(kind);
  const ownerReferences: OwnerReference[] = (o.owners ?? []).map((owner) => ({
    apiVersion: owner.object.apiVersion,
    kind: owner.object.kind,
    name: owner.object.metadata.name,
    uid: owner.object.metadata.uid!,
    controller: true,
  }));
  const object: KubeObject = {
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : 'v1',
    kind,
    metadata: {
      name,
      namespace: o.ns ?? 'ns',
      uid: `uid-${kind}-${name}`,
      resourceVersion: '7',
      ...(o.labels && { labels: o.labels }),
      ...(ownerReferences.length > 0 && { ownerReferences }),
      ...(o.finalizers && { finalizers: o.finalizers }),
    },
    ...(o.spec && { spec: o.spec }),
    ...(o.status && { status: o.status }),
    ...o.extra,
  };
  return { object, resource };
}

/** A v1beta1 ref to a source object. */
export function refTo(o: SourceObject): Record<string, string> {
  return {
    apiVersion: o.object.apiVersion,
    kind: o.object.kind,
    name: o.object.metadata.name,
    namespace: o.object.metadata.namespace ?? '',
  };
}
