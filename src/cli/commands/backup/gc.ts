/** `driftline backup gc`: delete expired backups from the store once (what `schedule run` does on every tick). */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addStoreOptions, type StoreFlags } from '../../store-options.js';

/** The flags of `backup gc`. */
export interface GcFlags extends StoreFlags {
  dryRun?: boolean;
}

/** Registers `backup gc`. */
export function registerBackupGc(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  addStoreOptions(
    parent
      .command('gc')
      .description('delete every backup whose TTL has passed (status.expiration), as Velero does')
      .option('--dry-run', 'only list what would be deleted')
      .addHelpText(
        'after',
        '\nExamples:\n  driftline backup gc --dry-run\n  driftline backup gc --store s3://velero/mgmt',
      ),
  ).action(lazyAction(makeContext, async () => (await import('../../actions/backup/gc.js')).backupGc));
}
