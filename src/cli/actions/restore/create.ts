/** `driftline restore create NAME --from-backup BACKUP` runs here: restore into the current (or --to-context) cluster. */
import { parseDuration } from '../../../format/index.js';
import {
  createRestore,
  parseNamespaceMapping,
  previewRestore,
  type RestoreRequest,
} from '../../../restore/index.js';
import type { CreateFlags } from '../../commands/restore/create.js';
import type { CliContext } from '../../context.js';
import { connectCurrent } from '../../kube.js';
import { openRepository } from '../../open-repository.js';
import { printData } from '../../output.js';
import { progressLine } from '../../progress.js';
import { selectionOf } from '../../selection-flags.js';
import { renderDryRun, restoreSummary } from './render.js';

/** Restores backup --from-backup as restore `name` (with --dry-run: what it would do). */
export async function restoreCreate(ctx: CliContext, name: string, flags: CreateFlags): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const target = connectCurrent(ctx, flags.toContext ?? ctx.globals.context);
  try {
    const request = toRequest(name, flags);
    if (flags.dryRun) {
      const report = await previewRestore(target, repo, request);
      if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
        printData(ctx, report, () => ({ headers: [], rows: [] }));
      else ctx.stdout.write(renderDryRun(report));
      const wouldFail = report.problems.length + report.counts.failed > 0;
      const wouldSkipDiffering = flags.existingResourcePolicy === 'none' && report.counts.differing > 0;
      ctx.setExitCode(wouldFail || wouldSkipDiffering ? 1 : 0);
      return;
    }
    const progress = progressLine(ctx);
    const report = await createRestore(target, repo, {
      ...request,
      logger: ctx.logger,
      onProgress: (p) =>
        progress.update(`restoring: ${p.done}/${p.total} objects, step ${p.step + 1}/${p.steps}`),
    });
    progress.done();
    if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
      printData(ctx, report, () => ({ headers: [], rows: [] }));
    else ctx.stdout.write(restoreSummary(report, repo.location));
    ctx.setExitCode(report.phase === 'Completed' ? 0 : 1);
  } finally {
    target.close();
  }
}

function toRequest(name: string, flags: CreateFlags): RestoreRequest {
  return {
    restoreName: name,
    backupName: flags.fromBackup,
    ...selectionOf(flags),
    namespaceMapping: parseNamespaceMapping(flags.namespaceMapping ?? []),
    existingResourcePolicy: flags.existingResourcePolicy,
    restoreStatus: flags.restoreStatus,
    unpause: flags.unpause,
    unpauseWait: { wait: flags.wait, timeoutMs: parseDuration(flags.timeout) },
    concurrency: flags.concurrency,
    failAfter: flags.failAfter,
  };
}
