/** Shared backup-store flags and the default store (open-repository.ts opens what they name). */
import { join } from 'node:path';
import type { Command } from 'commander';
import { xdgBaseDir } from '../common/xdg.js';

/** Parsed store flags. */
export interface StoreFlags {
  store?: string;
  s3Region?: string;
  s3Endpoint?: string;
  s3PathStyle?: boolean;
  s3CredentialsFile?: string;
  s3Profile?: string;
  s3CaCert?: string;
  s3InsecureSkipTlsVerify?: boolean;
}

/** The default local store: $DRIFTLINE_STORE, else $XDG_DATA_HOME/driftline/backups. */
export function defaultStore(env: NodeJS.ProcessEnv): string {
  if (env.DRIFTLINE_STORE) return env.DRIFTLINE_STORE;
  return join(xdgBaseDir(env, 'XDG_DATA_HOME'), 'driftline', 'backups');
}

/** Adds the store flags to a command. */
export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '--store <location>',
      'backup store: a directory, or s3://bucket[/prefix] (default: $DRIFTLINE_STORE or ~/.local/share/driftline/backups)',
    )
    .option('--s3-region <region>', 'S3 region (default: $AWS_REGION or us-east-1)')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint, e.g. https://minio.example:9000')
    .option('--s3-path-style', 'use path-style addressing (default on with --s3-endpoint)')
    .option('--s3-credentials-file <file>', "AWS shared-credentials file (Velero's --secret-file format)")
    .option('--s3-profile <name>', 'profile within the credentials file')
    .option('--s3-ca-cert <file>', 'PEM bundle to trust for the S3 endpoint')
    .option('--s3-insecure-skip-tls-verify', 'do not verify the S3 endpoint certificate (unsafe)');
}
