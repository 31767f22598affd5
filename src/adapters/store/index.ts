/** Backup stores: where Velero-layout backups live (a local directory or an S3 bucket). */
export { FsObjectStore } from './fs-store.js';
export { lazyS3Store } from './lazy-s3.js';
export {
  assertSafeKey,
  type ObjectStore,
  readIfPresent,
  StoreError,
  type StoreErrorCode,
} from './object-store.js';
export type { S3ObjectStore, S3StoreConfig } from './s3-store.js';
