/** Opens the backup repository at a storage location: the local-directory or (lazily loaded) S3 store. */
import { FsObjectStore, lazyS3Store } from '../adapters/store/index.js';
import { BackupRepository } from './repository.js';
import type { StorageLocation } from './storage-location.js';

/** The repository at `location`; the AWS SDK loads only when an S3 store is first used. */
export function openStorageLocation(location: StorageLocation): BackupRepository {
  if (location.kind === 'local') return new BackupRepository(new FsObjectStore(location.directory));
  // The repository applies the prefix; the store itself is opened at the bucket's root.
  const { kind: _kind, prefix, ...config } = location;
  return new BackupRepository(lazyS3Store(config), prefix);
}
