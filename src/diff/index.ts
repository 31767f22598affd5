/** Object comparison: normalisation, field-level changes, pairing, Secret redaction, unified diffs (pure). */
export { type ChangeOp, compareObjects, deepEqual, type FieldChange, isNamedList } from './compare.js';
export { diffLines, type LineEdit, type UnifiedDiffOptions, unifiedDiff } from './line-diff.js';
export {
  LAST_APPLIED_ANNOTATION,
  type NormalizeOptions,
  normalize,
  SERVER_METADATA_FIELDS,
} from './normalize.js';
export { type ObjectPair, pairObjects } from './pair.js';
export { appendPointer, escapeToken, parsePointer } from './pointer.js';
export {
  isSecret,
  isSecretPointer,
  REDACTED,
  REDACTED_CHANGED,
  redact,
  redactChange,
  redactPair,
  SECRET_VALUE_FIELDS,
} from './redact.js';
export { type RenderDiffOptions, renderObjectDiff, toYaml } from './render.js';
