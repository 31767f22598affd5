/** `driftline backup create NAME` runs here: back up the current cluster into the store, in Velero's format. */
import { createBackup } from '../../../backup/create.js';
import type { CreateFlags } from '../../commands/backup/create.js';
import type { CliContext } from '../../context.js';
import { connectCurrent } from '../../kube.js';
import { openRepository } from '../../open-repository.js';
import { progressLine } from '../../progress.js';
import { selectionOf } from '../../selection-flags.js';

/** Backs up the current cluster as backup `name`. */
export async function backupCreate(ctx: CliContext, name: string, flags: CreateFlags): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const client = connectCurrent(ctx);
  const progress = progressLine(ctx);
  try {
    const backup = await createBackup(client, repo, {
      name,
      ...selectionOf(flags),
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
}
