/** Velero backup format: object-store layout, streaming tarball reader and writer, metadata files. */
export {
  type BackupObjectInput,
  type BackupPhase,
  backupTtlMs,
  buildBackupObject,
  DEFAULT_TTL,
  encodeBackupObject,
  type LabelSelector,
  parseBackupObject,
  rfc3339,
  STORAGE_LOCATION_LABEL,
  VELERO_NAMESPACE,
  type VeleroBackup,
  veleroBackupSchema,
  type WrittenBackupPhase,
} from './backup-object.js';
export { formatDuration, parseDuration } from './duration.js';
export { FormatError, type FormatErrorCode } from './errors.js';
export { encodeGoJson } from './go-json.js';
export {
  type BackupKeys,
  createStoreLayout,
  downloadFileName,
  FORMAT_VERSION,
  type ItemPathParts,
  isValidBackupName,
  itemPath,
  normalizePrefix,
  parseItemPath,
  RESOURCES_DIR,
  type RestoreKeys,
  type StoreLayout,
  SUPPORTED_FORMAT_VERSIONS,
  TOP_LEVEL_DIRS,
  type TopLevelDir,
  VERSION_ENTRY_PATH,
  validateBackupName,
} from './layout.js';
export {
  type BackupResults,
  decodeGzipJson,
  decodeResourceList,
  decodeResults,
  encodeGzipJson,
  encodeResourceList,
  encodeResults,
  MAX_METADATA_BYTES,
  type ResourceList,
  ResourceListBuilder,
  type ResultScope,
  ResultsBuilder,
  resourceListKey,
  type VeleroResult,
} from './metadata-files.js';
export {
  type BackupItem,
  BackupReader,
  type BackupReadStats,
  DEFAULT_MAX_ENTRY_BYTES,
  type ReadBackupOptions,
  readAllItems,
  readBackup,
} from './tar-reader.js';
export {
  type BackupItemInput,
  type BackupWriter,
  type BackupWriterOptions,
  type BackupWriteSummary,
  createBackupWriter,
} from './tar-writer.js';
