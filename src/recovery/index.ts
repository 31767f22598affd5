/** Recovery drift detection: backup topology vs vSphere VMs and workload Nodes, report, remediation, renderers. */
export { classifyGhost, classifyMachine, quorumOf, staleClusterReason } from './classify.js';
export { STANDALONE_POOL } from './cluster-report.js';
export {
  type Evidence,
  isControlPlaneNode,
  NODE_ROLE_LABELS,
  type NodeEvidence,
  type NodeRecord,
  nodeEvidenceFailed,
  nodeEvidenceFor,
  type VmPowerState,
  type VmRecord,
  type VsphereEvidence,
} from './evidence.js';
export {
  type ClusterMatch,
  type GhostMatch,
  type GhostRole,
  type MachineMatch,
  type MatchOptions,
  matchEvidence,
  type SourceState,
  vcenterHost,
} from './match.js';
export { clusterPrefixes } from './match-ghosts.js';
export {
  type GhostFinding,
  ghostSteps,
  MGMT_KUBECONFIG,
  type RemediationContext,
  shellQuote,
  staleClusterSteps,
  staleMachineSteps,
  unknownMachineSteps,
  workloadKubeconfig,
} from './remediation.js';
export { escapeHtml, renderHtml } from './render-html.js';
export { codeBlock, escapeMarkdown, renderMarkdown } from './render-markdown.js';
export { renderTable, sanitizeForTerminal, type TableOptions } from './render-table.js';
export { buildReport, DETECT_EXIT, exitCodeFor, filterHealthy, type ReportOptions } from './report.js';
export * from './report-schema.js';
export {
  type AnyStatus,
  type Assessment,
  describeTally,
  emptyTally,
  type FoldInput,
  fold,
  isWorse,
  type MachineStatus,
  type Rollup,
  type RollupStatus,
  rollupOf,
  STATUS_RANK,
  type Tally,
} from './status.js';
