/** The RecoveryDriftReport schema, driftline.dev/v1alpha1 (documented in docs/report.md; change it only additively). */
import { API_VERSION } from '../model/vocabulary.js';
import type { VmPowerState } from './evidence.js';
import type { GhostRole } from './match.js';
import type { MachineStatus, RollupStatus } from './status.js';

/** The report's apiVersion. */
export const REPORT_API_VERSION = API_VERSION;

/** The report's kind. */
export const REPORT_KIND = 'RecoveryDriftReport';

/** What was counted at a level; null means the source was not checked for it. */
export interface Counts {
  /** Replicas the backup asks for (`spec.replicas`); null when unset. */
  desired: number | null;
  /** Machines in the backup. */
  machines: number;
  /** VMs found (matched Machines and ghosts). */
  vms: number | null;
  /** Nodes found (matched Machines and ghosts). */
  nodes: number | null;
}

/** What a remediation step does, for `driftline remediate`. */
export type ActionType =
  | 'cordon'
  | 'drain'
  | 'delete-node'
  | 'delete-machine'
  | 'scale-pool'
  | 'power-off-vm'
  | 'destroy-vm'
  | 'remove-etcd-member'
  | 'manual';

/** Where an action applies: the restored management cluster, a workload cluster, or vCenter. */
export type ActionPlane = 'management' | 'workload' | 'vsphere';

/** The object an action acts on. */
export interface ActionTarget {
  plane: ActionPlane;
  /** The workload cluster, `namespace/name`. */
  cluster: string;
  kind: 'Cluster' | 'Machine' | 'MachineDeployment' | 'Node' | 'VirtualMachine' | 'EtcdMember';
  name: string;
  /** For management-cluster objects. */
  namespace?: string;
  /** BIOS UUID, for VMs. */
  uuid?: string;
  /** Managed object id, for VMs. */
  moref?: string;
  /** For scale-pool. */
  replicas?: number;
}

/** One ordered step of a finding's remediation. */
export interface RemediationStep {
  order: number;
  description: string;
  /** The exact command; `<mgmt-kubeconfig>` and `<cluster>-kubeconfig` style placeholders stand for files. */
  command: string;
  action: { type: ActionType; target: ActionTarget; automated: boolean };
}

/** A VM as reported. */
export interface VmSummary {
  name: string;
  uuid: string | null;
  powerState: VmPowerState;
  moref: string;
}

/** A Node as reported. */
export interface NodeSummary {
  name: string;
  providerID: string | null;
  ready: boolean | null;
}

/** One Machine of the backup. */
export interface MachineReport {
  name: string;
  role: 'control-plane' | 'worker';
  pool: string | null;
  status: MachineStatus;
  reason: string;
  /** `spec.providerID` in the backup. */
  providerID: string | null;
  vm: VmSummary | null;
  node: NodeSummary | null;
  remediation: RemediationStep[];
}

/** A VM or Node no Machine accounts for; `kind` is `Node` when a Node was seen (its VM, if any, is in `vm`). */
export interface GhostReport {
  kind: 'VM' | 'Node';
  name: string;
  uuid: string | null;
  providerID: string | null;
  role: GhostRole;
  pool: string | null;
  status: 'Ghost';
  evidence: string;
  vm: VmSummary | null;
  node: NodeSummary | null;
  remediation: RemediationStep[];
}

/** Whether the control plane keeps etcd quorum while stale members are replaced. */
export interface QuorumReport {
  desired: number;
  healthy: number;
  /** `floor(desired / 2) + 1`. */
  needed: number;
  holds: boolean;
}

/** The control plane level. */
export interface ControlPlaneReport {
  kind: string | null;
  name: string | null;
  status: RollupStatus;
  message: string;
  desired: number | null;
  counts: Counts;
  quorum: QuorumReport | null;
  machines: MachineReport[];
}

/** One worker pool (MachineDeployment); `(standalone)` holds workers of no MachineDeployment. */
export interface PoolReport {
  name: string;
  status: RollupStatus;
  message: string;
  desired: number | null;
  counts: Counts;
  /** MachineHealthChecks covering the pool. */
  healthChecks: string[];
  machines: MachineReport[];
}

/** The workers level. */
export interface WorkersReport {
  status: RollupStatus;
  message: string;
  counts: Counts;
  pools: PoolReport[];
}

/** How a source was used for a cluster. */
export interface SourceReport {
  state: 'checked' | 'failed' | 'skipped';
  reason: string | null;
}

/** One workload cluster. */
export interface ClusterReport {
  namespace: string;
  name: string;
  status: RollupStatus;
  message: string;
  /** True when the whole cluster is gone (status Drifted): API server and every VM. */
  stale: boolean;
  paused: boolean;
  /** Why the backup cannot be trusted for this cluster (these make it Error). */
  problems: string[];
  sources: { vsphere: SourceReport; nodes: SourceReport };
  counts: Counts;
  controlPlane: ControlPlaneReport;
  workers: WorkersReport;
  ghosts: GhostReport[];
  /** Steps for the cluster as a whole (a stale cluster). */
  remediation: RemediationStep[];
}

/** The whole backup. */
export interface SummaryReport {
  status: RollupStatus;
  message: string;
  counts: Counts & { clusters: number; ghosts: number; byStatus: Record<MachineStatus, number> };
  /** Clusters per status. */
  clustersByStatus: Record<RollupStatus, number>;
}

/** The backup the report is about. */
export interface BackupInfo {
  name: string;
  /** RFC 3339, or null when unknown. */
  created: string | null;
  /** Velero's `metadata/version` (e.g. `1.1.0`). */
  formatVersion: string;
}

/** The options the report was made with (no credentials). */
export interface ReportOptionsEcho {
  insecureSkipVerify: boolean;
  skipAccessApiserver: boolean;
  ignoreHealthyResources: boolean;
  vsphereServer: string | null;
}

/** The report. */
export interface RecoveryDriftReport {
  apiVersion: typeof REPORT_API_VERSION;
  kind: typeof REPORT_KIND;
  backup: BackupInfo;
  generatedAt: string;
  options: ReportOptionsEcho;
  summary: SummaryReport;
  clusters: ClusterReport[];
}
