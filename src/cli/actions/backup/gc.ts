/** `driftline backup gc` runs here: delete expired backups from the store once. */
import { collectGarbage } from '../../../backup/gc.js';
import type { GcFlags } from '../../commands/backup/gc.js';
import type { CliContext } from '../../context.js';
import { EXIT_ERROR, EXIT_OK } from '../../exit-codes.js';
import { openRepository } from '../../open-repository.js';

/** Deletes (or with --dry-run lists) every backup whose TTL has passed. */
export async function backupGc(ctx: CliContext, flags: GcFlags): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const result = await collectGarbage(repo, new Date(), { dryRun: flags.dryRun });
  const verb = flags.dryRun ? 'would delete' : 'deleted';
  for (const d of result.deleted) ctx.stdout.write(`${verb} backup ${d.name} (${d.reason})\n`);
  for (const f of result.failed) ctx.stderr.write(`error: could not delete backup ${f.name}: ${f.error}\n`);
  ctx.stdout.write(`${result.deleted.length} expired, ${result.kept} kept in ${repo.location}\n`);
  ctx.setExitCode(result.failed.length > 0 ? EXIT_ERROR : EXIT_OK);
}
