/** `driftline move` runs here: move Cluster API clusters between management clusters, resumably. */
import { UsageError } from '../../common/errors.js';
import {
  defaultMoveName,
  type MoveReport,
  moveStatus,
  previewMove,
  type RunOptions,
  renderPreview,
  renderReport,
  resumeMove,
  rollbackMoveByName,
  startMove,
  statusTable,
} from '../../move/index.js';
import type { MoveFlags } from '../commands/move.js';
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { printData } from '../output.js';
import { progressLine } from '../progress.js';

type Mode = 'move' | 'dryRun' | 'resume' | 'rollback' | 'status';

/** Starts, previews, resumes or rolls back a move, or shows where moves stand. */
export async function moveAction(ctx: CliContext, flags: MoveFlags): Promise<void> {
  const mode = validate(flags);
  const target = connectCurrent(ctx, flags.toContext ?? ctx.globals.context);
  const source = mode === 'status' ? undefined : connectCurrent(ctx, flags.fromContext);
  try {
    if (mode === 'status') return printStatus(ctx, await moveStatus(target, flags.name), Boolean(flags.name));
    const selection = {
      namespaces: flags.allNamespaces ? null : (flags.namespace ?? []),
      clusters: flags.cluster ?? [],
    };
    if (mode === 'dryRun') {
      const preview = await previewMove(
        source!,
        target,
        selection,
        flags.name ?? defaultMoveName(new Date()),
      );
      print(ctx, preview, () => renderPreview(preview));
      ctx.setExitCode(preview.problems.length > 0 ? 1 : 0);
      return;
    }
    const progress = progressLine(ctx);
    const options = runOptions(ctx, flags, (text) => progress.update(text));
    const report =
      mode === 'resume'
        ? await resumeMove(source!, target, { ...options, name: flags.name })
        : mode === 'rollback'
          ? await rollbackMoveByName(source!, target, { ...options, name: flags.name })
          : await startMove(source!, target, { ...options, ...selection, name: flags.name });
    progress.done();
    print(ctx, report, () => renderReport(report));
  } finally {
    source?.close();
    target.close();
  }
}

function validate(flags: MoveFlags): Mode {
  const modes = (['dryRun', 'resume', 'rollback', 'status'] as const).filter((m) => flags[m]);
  if (modes.length > 1) throw new UsageError('choose one of --dry-run, --resume, --rollback and --status');
  const mode: Mode = modes[0] ?? 'move';
  if (mode !== 'status' && !flags.fromContext) throw new UsageError('--from-context is required');
  const selects = Boolean(flags.namespace?.length || flags.allNamespaces || flags.cluster?.length);
  if (mode === 'move' || mode === 'dryRun') {
    if (flags.namespace?.length && flags.allNamespaces)
      throw new UsageError('pass -n NAMESPACE or --all-namespaces, not both');
    if (!flags.namespace?.length && !flags.allNamespaces)
      throw new UsageError('pass -n NAMESPACE or --all-namespaces');
  } else if (selects) {
    throw new UsageError(
      `--${mode} takes what to move from the journal; drop -n, --all-namespaces and --cluster`,
    );
  }
  return mode;
}

function runOptions(ctx: CliContext, flags: MoveFlags, update: (text: string) => void): RunOptions {
  return {
    concurrency: flags.concurrency,
    failAfter: flags.failAfter,
    failAfterDeletes: flags.failAfterDeletes,
    onProgress: (p) => update(`${p.step}: ${p.done}/${p.total} objects`),
    log: (line) => ctx.logger.debug({ move: flags.name }, line),
  };
}

function print(ctx: CliContext, data: unknown, text: () => string): void {
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
    printData(ctx, data, () => ({ headers: [], rows: [] }));
  else ctx.stdout.write(text());
}

function printStatus(ctx: CliContext, reports: MoveReport[], one: boolean): void {
  const [first] = reports;
  if (one && first) {
    print(ctx, first, () => renderReport(first));
    return;
  }
  if (reports.length === 0 && !ctx.globals.output) {
    ctx.stdout.write('No moves recorded in the target.\n');
    return;
  }
  printData(ctx, reports, () => statusTable(reports));
}
