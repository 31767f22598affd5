/** Opens the backup repository the store flags name (local directory or S3); for actions only. */
import { openStorageLocation } from '../backup/open-location.js';
import type { BackupRepository } from '../backup/repository.js';
import { storageLocationOf } from './store-location.js';
import type { StoreFlags } from './store-options.js';

/** Opens the repository the flags name: the flags become a StorageLocation, the domain opens it. */
export function openRepository(flags: StoreFlags, env: NodeJS.ProcessEnv): BackupRepository {
  return openStorageLocation(storageLocationOf(flags, env));
}
