/** The one apply engine restore, move and the hub write through: primitives, pause rules, versions, journal, phases. */
export { statusMatches, writeDifferences } from './compare.js';
export { type Abandonable, crashAfter } from './crash.js';
export { ApplyError, type ApplyErrorCode } from './errors.js';
export * from './journal/index.js';
export { type PauseOptions, type PauseResult, setPaused } from './pause.js';
export { guarded, type PhaseJournal, type PhaseOptions, runPhases } from './phases.js';
export type { ApplyItem, ApplyTarget, DeletingTarget } from './ports.js';
export { type HeldVersion, pickVersion, type ServedVersions } from './versions.js';
export {
  type DeleteResult,
  decideExisting,
  deleteExact,
  type ExistingDecision,
  type ExistingPolicy,
  type WriteOutcome,
  type WriteRules,
  writeItem,
  writeStatus,
} from './write.js';
