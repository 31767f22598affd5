/** Per-kind restore transforms: a lookup table from `group/Kind` to small functions, one file per concern. */
export { PAUSED_IN_BACKUP_ANNOTATION } from './cluster.js';
export {
  addRestoreLabels,
  BACKUP_NAME_LABEL,
  isRecord,
  labelValue,
  RESTORE_NAME_LABEL,
  SERVER_METADATA_FIELDS,
  stripForRestore,
} from './common.js';
export { mapReferenceNamespaces } from './namespace-refs.js';
export {
  applyKindTransforms,
  KIND_TRANSFORMS,
  type KindTransform,
  type KindTransformResult,
} from './table.js';
