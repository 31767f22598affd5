/** `driftline backup gc`: delete expired backups from the store once (what `schedule run` does on every tick). */
import type { Command } from 'commander';
import { collectGarbage } from '../../../backup/gc.js';
import type { CliContext } from '../../context.js';
import { EXIT_ERROR, EXIT_OK } from '../../exit-codes.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';

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
  ).action(async (flags: StoreFlags & { dryRun?: boolean }, cmd: Command) => {
    const ctx = makeContext(cmd);
    const repo = openRepository(flags, ctx.env);
    const result = await collectGarbage(repo, new Date(), { dryRun: flags.dryRun });
    const verb = flags.dryRun ? 'would delete' : 'deleted';
    for (const d of result.deleted) ctx.stdout.write(`${verb} backup ${d.name} (${d.reason})\n`);
    for (const f of result.failed) ctx.stderr.write(`error: could not delete backup ${f.name}: ${f.error}\n`);
    ctx.stdout.write(`${result.deleted.length} expired, ${result.kept} kept in ${repo.location}\n`);
    ctx.setExitCode(result.failed.length > 0 ? EXIT_ERROR : EXIT_OK);
  });
}
