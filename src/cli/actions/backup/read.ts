/** `backup list | describe | download | delete` run here: reading and managing stored backups. */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../../../common/errors.js';
import { downloadFileName } from '../../../format/index.js';
import { askYesNo, canAsk } from '../../confirm.js';
import type { CliContext } from '../../context.js';
import { openRepository } from '../../open-repository.js';
import { printData, printList } from '../../output.js';
import { describeBackup, listTable } from '../../render/backup.js';
import type { StoreFlags } from '../../store-options.js';

/** Lists the backups in the store, newest first. */
export async function backupList(ctx: CliContext, flags: StoreFlags): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const { backups, broken } = await repo.list();
  printList(ctx, { backups, broken }, () => listTable(backups, broken), `No backups in ${repo.location}.`);
  for (const b of broken) ctx.stderr.write(`warning: backup ${b.name} is unreadable: ${b.error}\n`);
}

/** Shows one backup (with --details its resource list and results). */
export async function backupDescribe(
  ctx: CliContext,
  name: string,
  flags: StoreFlags & { details?: boolean },
): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const backup = await repo.get(name);
  const resourceList = flags.details ? await repo.resourceList(name) : undefined;
  const results = flags.details ? await repo.results(name) : undefined;
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
    printData(ctx, { backup, resourceList, results }, () => ({ headers: [], rows: [] }));
  else ctx.stdout.write(describeBackup(backup, resourceList, results));
}

/** Saves the backup's tarball as a local file. */
export async function backupDownload(
  ctx: CliContext,
  name: string,
  flags: StoreFlags & { output?: string },
): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  await repo.get(name);
  const file = flags.output ?? downloadFileName(name);
  await pipeline(await repo.openContents(name), createWriteStream(file, { flags: 'wx' }));
  ctx.stdout.write(`Backup ${name} has been successfully downloaded to ${file}\n`);
}

/** Deletes a backup and its files, after asking unless --confirm. */
export async function backupDelete(
  ctx: CliContext,
  name: string,
  flags: StoreFlags & { confirm?: boolean },
): Promise<void> {
  if (!flags.confirm && !canAsk())
    throw new UsageError(`deleting backup ${name} cannot be undone: re-run with --confirm`);
  const repo = openRepository(flags, ctx.env);
  await repo.get(name);
  if (
    !flags.confirm &&
    !(await askYesNo(`Delete backup ${name} from ${repo.location}? This cannot be undone.`, ctx.stderr))
  ) {
    ctx.stderr.write('nothing deleted\n');
    ctx.setExitCode(1);
    return;
  }
  const n = await repo.delete(name);
  ctx.stdout.write(`Backup ${name} deleted (${n} files)\n`);
}
