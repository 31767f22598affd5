/** Maps the CLI's store flags to the domain's StorageLocation; a location the flags cannot name is a usage error. */
import { parseStorageLocation, type StorageLocation } from '../backup/storage-location.js';
import { UsageError } from '../common/errors.js';
import { defaultStore, type StoreFlags } from './store-options.js';

/** The location `--store` (else the default store) and the `--s3-*` flags name. */
export function storageLocationOf(flags: StoreFlags, env: NodeJS.ProcessEnv): StorageLocation {
  const text = flags.store ?? defaultStore(env);
  const parsed = parseStorageLocation(text, {
    region: flags.s3Region,
    endpoint: flags.s3Endpoint,
    forcePathStyle: flags.s3PathStyle,
    credentialsFile: flags.s3CredentialsFile,
    profile: flags.s3Profile,
    caCertFile: flags.s3CaCert,
    insecureSkipTLSVerify: flags.s3InsecureSkipTlsVerify,
  });
  if (!parsed.ok) throw new UsageError(`--store ${text}: ${parsed.problem}`);
  return parsed.location;
}
