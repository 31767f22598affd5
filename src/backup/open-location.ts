/** Opens the backup repository at a storage location: the local-directory or (lazily loaded) S3 store. */
import { FsObjectStore, lazyS3Store } from '../adapters/store/index.js';
import { BackupRepository } from './repository.js';
import type { StorageLocation } from './storage-location.js';

/** The repository at `location`; the AWS SDK loads only when an S3 store is first used. */
export function openStorageLocation(location: StorageLocation): BackupRepository {
  if (location.kind === 'local') return new BackupRepository(new FsObjectStore(location.directory));
  const store = lazyS3Store({
    bucket: location.bucket,
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle,
    credentialsFile: location.credentialsFile,
    profile: location.profile,
    caCertFile: location.caCertFile,
    insecureSkipTLSVerify: location.insecureSkipTlsVerify,
  });
  return new BackupRepository(store, location.prefix);
}
