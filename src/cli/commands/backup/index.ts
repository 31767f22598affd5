/** The `backup` command group. */
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerBackupCreate } from './create.js';
import { registerBackupDiff } from './diff.js';
import { registerBackupGc } from './gc.js';
import { registerBackupRead } from './read.js';

/** Registers `driftline backup …`. */
export function registerBackup(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const backup = program
    .command('backup')
    .description('create and manage Velero-format backups (local directory or S3)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  driftline backup create mgmt-before-upgrade --cluster-api --ttl 168h\n' +
        '  driftline backup list --store s3://velero/mgmt --s3-endpoint https://minio.example:9000',
    );
  registerBackupCreate(backup, makeContext);
  registerBackupRead(backup, makeContext);
  registerBackupDiff(backup, makeContext);
  registerBackupGc(backup, makeContext);
}
