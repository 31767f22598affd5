/** `driftline backup create NAME`: back up the current cluster into the store, in Velero's format. */
import { type Command, InvalidArgumentError } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addSelectionOptions, listFlag, type SelectionFlags } from '../../selection-flags.js';
import { addStoreOptions, type StoreFlags } from '../../store-options.js';

/** The flags of `backup create`. */
export interface CreateFlags extends StoreFlags, SelectionFlags {
  ttl: string;
  clusterApi?: boolean;
  labels?: string[];
  compressionLevel?: number;
}

/** Registers `backup create`. */
export function registerBackupCreate(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('create <name>')
    .description("back up the current cluster's objects into the store (Velero's exact format)")
    .option('--ttl <duration>', 'how long to keep the backup before garbage collection', '720h')
    .option(
      '--cluster-api',
      'capture exactly what restoring the Cluster API clusters needs (CAPI groups, linked secrets/configmaps), excluding provider namespaces',
    )
    .option('--labels <k=v,...>', 'labels for the Backup object', listFlag)
    .option(
      '--compression-level <1-9>',
      'gzip level: 6 (default) as Velero writes; 1 is about 3× faster and 2× larger',
      parseLevel,
    )
    .addHelpText(
      'after',
      '\nObjects labelled velero.io/exclude-from-backup=true are never backed up.\nExample:\n  driftline backup create mgmt-before-upgrade --cluster-api --ttl 168h',
    );
  addStoreOptions(addSelectionOptions(cmd, 'back up', 'only when all namespaces are included')).action(
    lazyAction(makeContext, async () => (await import('../../actions/backup/create.js')).backupCreate),
  );
}

function parseLevel(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw new InvalidArgumentError('expected a gzip level from 1 to 9');
  return n;
}
