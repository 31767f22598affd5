/** Backup stores: where Velero-layout backups live (a local directory or an S3 bucket). */
export { FsObjectStore } from './fs-store.js';
export { assertSafeKey, type ObjectStore, StoreError, type StoreErrorCode } from './object-store.js';
export { S3ObjectStore, type S3StoreConfig } from './s3-store.js';
