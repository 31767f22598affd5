/** `driftline backup create NAME`: back up the current cluster into the store, in Velero's format. */
import { type Command, InvalidArgumentError } from 'commander';
import { createBackup } from '../../../backup/create.js';
import type { CliContext } from '../../context.js';
import { connectCurrent } from '../../kube.js';
import { progressLine } from '../../progress.js';
import { addSelectionOptions, listFlag, type SelectionFlags } from '../../selection-flags.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';

interface CreateFlags extends StoreFlags, SelectionFlags {
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
    async (name: string, flags: CreateFlags, command: Command) => {
      const ctx = makeContext(command);
      const repo = openRepository(flags, ctx.env);
      const client = connectCurrent(ctx);
      const progress = progressLine(ctx);
      try {
        const backup = await createBackup(client, repo, {
          name,
          includeNamespaces: flags.includeNamespaces,
          excludeNamespaces: flags.excludeNamespaces,
          includeResources: flags.includeResources,
          excludeResources: flags.excludeResources,
          includeClusterResources: flags.includeClusterResources,
          labelSelector: flags.selector,
          ttl: flags.ttl,
          preset: flags.clusterApi ? 'cluster-api' : undefined,
          compressionLevel: flags.compressionLevel,
          labels: Object.fromEntries((flags.labels ?? []).map((kv) => kv.split('=', 2) as [string, string])),
          onProgress: (p) =>
            progress.update(
              `backing up: ${p.itemsBackedUp} items, ${p.resourcesDone}/${p.resourcesTotal} resources`,
            ),
        });
        progress.done();
        const s = backup.status;
        ctx.stdout.write(
          `Backup ${name} ${s?.phase}: ${s?.progress?.itemsBackedUp ?? 0} items, ${s?.errors ?? 0} errors, ${s?.warnings ?? 0} warnings → ${repo.location}\n`,
        );
        if (s?.phase !== 'Completed')
          ctx.stdout.write(`Run \`driftline backup describe ${name} --details\` to see the errors.\n`);
        ctx.setExitCode(s?.phase === 'Completed' ? 0 : 1);
      } finally {
        client.close();
      }
    },
  );
}

function parseLevel(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw new InvalidArgumentError('expected a gzip level from 1 to 9');
  return n;
}
