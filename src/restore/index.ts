/** Restore: ordered plans, owner-reference rebuild, paused clusters, journals, dry runs, unpause. */
export { clusterReadiness, type Readiness } from './cluster-status.js';
export { createRestore, type RestoreRequest } from './create.js';
export { RestoreError, type RestoreErrorCode } from './errors.js';
export type { RestoreProgress } from './execute.js';
export { JOURNAL_NAMESPACE, parseNamespaceMapping } from './filters.js';
export { RESTORE_JOURNAL, type RestoreJournalState } from './journal-kind.js';
export { loadPlan, refuseProblems, restoreFingerprint } from './load.js';
export { buildPlan, wantsStatus } from './plan.js';
export { previewRestore } from './preview.js';
export { type BrokenRestore, type RestoreRecord, RestoreRecords } from './records.js';
export { buildReport, messageCount, type RestoreReport, type StepSummary } from './report.js';
export {
  buildRestoreObject,
  parseRestoreObject,
  type RestorePhase,
  type VeleroRestore,
} from './restore-object.js';
export {
  buildResourceList,
  buildResults,
  countOutcomes,
  outcomeLine,
  type RestoreCounts,
} from './results.js';
export type { RestoreTarget } from './target.js';
export { PAUSED_IN_BACKUP_ANNOTATION, RESTORE_NAME_LABEL } from './transforms/index.js';
export type * from './types.js';
export { EXISTING_RESOURCE_POLICIES } from './types.js';
export {
  type ClusterUnpause,
  type UnpauseReport,
  type UnpauseRequest,
  unpauseClusters,
} from './unpause.js';
