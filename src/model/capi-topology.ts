/** The Cluster API topology of a backup (v1beta1 and v1beta2): clusters, control planes, pools, machines (pure). */
import { assembleCluster, type ClusterObjects } from './capi-topology-assemble.js';
import type { ObjectRef } from './capi-topology-refs.js';
import { clusterNameOf, ObjectIndex } from './capi-topology-refs.js';
import type { TopologyKubeconfig } from './capi-topology-secrets.js';
import type { LabelSelector } from './label-selector.js';
import type { KubeObject } from './resource-key.js';

export type { ObjectRef } from './capi-topology-refs.js';
export { biosUuidFromProviderID, normalizeUuid, sameUuid } from './capi-topology-refs.js';
export { SensitiveText, type TopologyKubeconfig } from './capi-topology-secrets.js';

/** A machine's role in its cluster. */
export type MachineRole = 'control-plane' | 'worker';

/** One Machine with everything recovery-drift detection links it by. */
export interface TopologyMachine {
  namespace: string;
  name: string;
  role: MachineRole;
  /** Its MachineDeployment, for workers that have one. */
  pool: string | null;
  machineSet: string | null;
  labels: Record<string, string>;
  /** `status.phase` as backed up (`Running`, `Provisioning`, `Deleting` …). */
  phase: string | null;
  /** True when the backup caught it being deleted (`metadata.deletionTimestamp`). */
  deleting: boolean;
  /** `spec.providerID`, e.g. `vsphere://4231…`. */
  providerID: string | null;
  /** Lower-case BIOS UUID: from the providerID, else from the VSphereVM. */
  biosUuid: string | null;
  /** `status.nodeRef.name`. */
  nodeName: string | null;
  /** `spec.infrastructureRef`, resolved. */
  infrastructureRef: ObjectRef | null;
  /** The VSphereMachine it points at, when that is in the backup. */
  vsphereMachine: string | null;
  /** The VSphereVM of that VSphereMachine (same name, or owned by it). */
  vsphereVM: { name: string; biosUuid: string | null } | null;
}

/** The control plane of a cluster (KubeadmControlPlane or any object with `spec.replicas`). */
export interface TopologyControlPlane {
  /** `spec.controlPlaneRef`, resolved; null when the Cluster has none. */
  ref: ObjectRef | null;
  /** True when the referenced object is in the backup. */
  found: boolean;
  /** `spec.replicas`; null when not set or not found. */
  desired: number | null;
  machines: TopologyMachine[];
}

/** A worker pool: one MachineDeployment and its MachineSets and Machines. */
export interface TopologyPool {
  name: string;
  /** False for a pool that Machines name but whose MachineDeployment is not in the backup. */
  found: boolean;
  desired: number | null;
  machineSets: string[];
  /** Labels of `spec.template.metadata.labels`, which every new Machine of the pool gets. */
  templateLabels: Record<string, string>;
  machines: TopologyMachine[];
  /** Names of the MachineHealthChecks whose selector covers this pool. */
  healthChecks: string[];
}

/** A MachineHealthCheck and what it covers. */
export interface TopologyHealthCheck {
  name: string;
  selector: LabelSelector;
  pools: string[];
  coversControlPlane: boolean;
}

/** The VSphereCluster of a cluster: where its VMs live. */
export interface TopologyVSphereCluster {
  name: string;
  server: string | null;
  thumbprint: string | null;
  identityRef: { kind: string; name: string } | null;
}

/** One workload cluster as the backup records it. Never print it whole: it holds the kubeconfig. */
export interface TopologyCluster {
  namespace: string;
  name: string;
  /** The Cluster's apiVersion, e.g. `cluster.x-k8s.io/v1beta2`; null when the Cluster is missing. */
  apiVersion: string | null;
  /** False when objects name this cluster but the Cluster object is not in the backup. */
  found: boolean;
  paused: boolean;
  labels: Record<string, string>;
  /** `spec.controlPlaneEndpoint` as `host:port`. */
  endpoint: string | null;
  controlPlane: TopologyControlPlane;
  pools: TopologyPool[];
  /** Workers that belong to no MachineDeployment. */
  standaloneWorkers: TopologyMachine[];
  /** Every Machine of the cluster, sorted by name. */
  machines: TopologyMachine[];
  healthChecks: TopologyHealthCheck[];
  infrastructure: TopologyVSphereCluster | null;
  kubeconfig: TopologyKubeconfig;
  /** Why the backup cannot be trusted for this cluster (missing or inconsistent objects). */
  problems: string[];
}

/** Every cluster of a backup, sorted by namespace and name. */
export interface CapiTopology {
  clusters: TopologyCluster[];
  /** Problems that belong to no cluster (e.g. a Machine naming no cluster at all). */
  problems: string[];
}

function emptyObjects(namespace: string, name: string, cluster: KubeObject | null): ClusterObjects {
  return { namespace, name, cluster, machines: [], deployments: [], machineSets: [], healthChecks: [] };
}

const MEMBER_KINDS: Record<string, Exclude<keyof ClusterObjects, 'namespace' | 'name' | 'cluster'>> = {
  Machine: 'machines',
  MachineDeployment: 'deployments',
  MachineSet: 'machineSets',
  MachineHealthCheck: 'healthChecks',
};

/** Groups Machines, MachineDeployments, MachineSets and MachineHealthChecks under their Cluster. */
function groupByCluster(index: ObjectIndex, problems: string[]): Map<string, ClusterObjects> {
  const groups = new Map<string, ClusterObjects>();
  for (const obj of index.ofKind('Cluster')) {
    const ns = obj.metadata.namespace ?? '';
    groups.set(`${ns}/${obj.metadata.name}`, emptyObjects(ns, obj.metadata.name, obj));
  }
  for (const [kind, slot] of Object.entries(MEMBER_KINDS)) {
    for (const obj of index.ofKind(kind)) {
      const ns = obj.metadata.namespace ?? '';
      const cluster = clusterNameOf(obj);
      if (!cluster) {
        problems.push(`${kind} ${ns}/${obj.metadata.name} names no cluster`);
        continue;
      }
      const id = `${ns}/${cluster}`;
      const group = groups.get(id) ?? emptyObjects(ns, cluster, null);
      groups.set(id, group);
      group[slot].push(obj);
    }
  }
  return groups;
}

/**
 * Builds the topology of a backup's objects. Both Cluster API versions are read: v1beta1 refs
 * carry `apiVersion`, v1beta2 refs `apiGroup`. Problems are collected per cluster, never thrown.
 */
export function buildTopology(objects: readonly KubeObject[]): CapiTopology {
  const index = new ObjectIndex(objects);
  const problems: string[] = [];
  const clusters = [...groupByCluster(index, problems).values()].map((group) =>
    assembleCluster(index, group),
  );
  clusters.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { clusters, problems };
}

/** `ns/name`, the identifier of a cluster in evidence maps and messages. */
export function clusterId(cluster: { namespace: string; name: string }): string {
  return `${cluster.namespace}/${cluster.name}`;
}
