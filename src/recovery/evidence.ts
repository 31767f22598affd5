/** What adapters observed (vSphere VMs, workload-cluster Nodes): the classifier's only inputs besides the backup. */

/** A VM's power state as vSphere reports it; `unknown` when the server did not say. */
export type VmPowerState = 'poweredOn' | 'poweredOff' | 'suspended' | 'unknown';

/** One VM of the vCenter inventory, reduced to what matching, reports and remediation use. */
export interface VmRecord {
  /** Managed object id, e.g. `vm-42`; remediation acts on the VM through it. */
  moref: string;
  name: string;
  /** `config.uuid`, the BIOS UUID Cluster API puts in `vsphere://<uuid>` provider IDs; null if unreadable. */
  biosUuid: string | null;
  /** `config.instanceUuid`; null if unreadable. */
  instanceUuid: string | null;
  powerState: VmPowerState;
  /** Inventory path of the VM's folder, e.g. `/DC0/vm/tkg`; null if it has none (e.g. in a vApp). */
  folderPath: string | null;
  /** Inventory path of its resource pool, e.g. `/DC0/host/Cluster/Resources/tkg`; null for templates. */
  resourcePoolPath: string | null;
}

/** The vCenter inventory, or why it was not read. */
export type VsphereEvidence =
  | {
      state: 'checked';
      /** The vCenter the VMs come from (host or URL); clusters whose VSphereCluster names another are not checked. */
      server?: string;
      vms: readonly VmRecord[];
    }
  /** Tried and failed (unreachable, wrong password, certificate): machines cannot be Healthy. */
  | { state: 'unavailable'; reason: string }
  /** Not tried on purpose: the other sources decide. */
  | { state: 'skipped'; reason: string };

/** One Node of a workload cluster, reduced to what matching and reporting use. */
export interface NodeRecord {
  name: string;
  /** `spec.providerID`, e.g. `vsphere://4231…`; null when unset. */
  providerID: string | null;
  /** Labelled `node-role.kubernetes.io/control-plane` (or the legacy `…/master`). */
  controlPlane: boolean;
  /** The Ready condition: true, false, or null when missing/Unknown. */
  ready: boolean | null;
  /** `metadata.creationTimestamp` (RFC 3339), or null. */
  createdAt: string | null;
}

/** One workload cluster's Nodes, or why they were not read. */
export type NodeEvidence =
  | { state: 'checked'; nodes: readonly NodeRecord[] }
  /** The API server did not answer: its Nodes are Unknown, never Healthy. */
  | { state: 'unreachable'; reason: string }
  /** Not tried on purpose (`--skip-access-apiserver`). */
  | { state: 'skipped'; reason: string }
  /** Could not even try, or the answer was unusable (unreadable kubeconfig, forbidden). */
  | { state: 'error'; reason: string };

/** Everything observed: the vCenter inventory and Node evidence per cluster, keyed `namespace/name`. */
export interface Evidence {
  vsphere: VsphereEvidence;
  /** Missing entries count as skipped. */
  nodes: Readonly<Record<string, NodeEvidence>>;
}

/** True when Node evidence failed (rather than being skipped on purpose). */
export function nodeEvidenceFailed(evidence: NodeEvidence): boolean {
  return evidence.state === 'unreachable' || evidence.state === 'error';
}

/** The Node evidence of one cluster; a cluster nobody gathered evidence for counts as skipped. */
export function nodeEvidenceFor(evidence: Evidence, clusterId: string): NodeEvidence {
  return evidence.nodes[clusterId] ?? { state: 'skipped', reason: 'no Node evidence was gathered' };
}

/** The Node roles the classifier reads from labels. */
export const NODE_ROLE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
] as const;

/** True when Node labels mark a control-plane node (for adapters building NodeRecords). */
export function isControlPlaneNode(labels: Readonly<Record<string, string>> | undefined): boolean {
  return NODE_ROLE_LABELS.some((label) => labels !== undefined && Object.hasOwn(labels, label));
}
