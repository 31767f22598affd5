/** Move: clusterctl-style graph discovery, owner-first creation in the target, journaled, resumable, reversible. */
export { MoveError, type MoveErrorCode } from './errors.js';
export { discoverGraph } from './graph.js';
export type { MoveSelection } from './load.js';
export { buildMovePlan } from './plan.js';
export { type MovePreview, type PreviewObject, previewMove } from './preview.js';
export { renderPreview, renderReport, statusTable, type TextTable } from './render.js';
export {
  defaultMoveName,
  type MoveRequest,
  type RunOptions,
  resumeMove,
  rollbackMoveByName,
  startMove,
} from './run.js';
export { moveStatus } from './status.js';
export type * from './types.js';
export { MOVE_HIERARCHY_LABEL, MOVE_LABEL, MOVED_BY_LABEL } from './types.js';
