/** `driftline move --from-context A --to-context B`: move Cluster API clusters between management clusters, resumably. */
import { type Command, Option } from 'commander';
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
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { intFlag } from '../number-flags.js';
import { addOutputOption, printData } from '../output.js';
import { progressLine } from '../progress.js';
import { listFlag } from '../selection-flags.js';

interface MoveFlags {
  fromContext?: string;
  toContext?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  cluster?: string[];
  name?: string;
  dryRun?: boolean;
  resume?: boolean;
  rollback?: boolean;
  status?: boolean;
  concurrency: number;
  failAfter?: number;
  failAfterDeletes?: number;
}

type Mode = 'move' | 'dryRun' | 'resume' | 'rollback' | 'status';

/** Registers `move`. */
export function registerMove(program: Command, makeContext: (cmd: Command) => CliContext): void {
  addOutputOption(program.command('move'))
    .description(
      'move cluster api clusters to another management cluster: paused, owners first, journaled, resumable',
    )
    .option('--from-context <context>', 'kubeconfig context of the source management cluster')
    .option('--to-context <context>', 'kubeconfig context of the target (default: --context, then current)')
    .option('-n, --namespace <namespaces>', 'namespaces to move from (comma-separated, repeatable)', listFlag)
    .option('-A, --all-namespaces', 'move from every namespace')
    // Variadic as move.md shows (`--cluster c1 c2`); move takes no arguments it could swallow.
    .option(
      '--cluster <names...>',
      'only these clusters: NAME or NAMESPACE/NAME (several, comma-separated or repeated)',
      listFlag,
    )
    .option(
      '--name <name>',
      'name of the move (default: its start time); selects the move for --resume/--rollback/--status',
    )
    .option('--dry-run', 'print the plan and the preflight verdict; change nothing')
    .option('--resume', 'continue an interrupted move')
    .option('--rollback', 'undo an interrupted move that has not started deleting from the source')
    .option('--status', 'show where moves stand (every move in the target, or --name)')
    .option('--concurrency <n>', 'objects written at once within a step', intFlag(1), 16)
    .addOption(
      new Option('--fail-after <n>', 'simulate a crash after n creates (tests)')
        .argParser(intFlag(1))
        .hideHelp(),
    )
    .addOption(
      new Option('--fail-after-deletes <n>', 'simulate a crash after n source deletes (tests)')
        .argParser(intFlag(1))
        .hideHelp(),
    )
    .addHelpText(
      'after',
      '\nThe journal is ConfigMap driftline-move-NAME in driftline-system of the target.\n' +
        'Exit codes: 0 done (dry run: the move would run), 1 dry run: the move would be refused, 2 refused or error.\n' +
        'Examples:\n  driftline move --from-context old-mgmt --to-context new-mgmt -n tkg-prod --dry-run\n' +
        '  driftline move --from-context old-mgmt --to-context new-mgmt --resume',
    )
    .action(async (flags: MoveFlags, cmd: Command) => {
      const ctx = makeContext(cmd);
      const mode = validate(flags);
      const target = connectCurrent(ctx, flags.toContext ?? ctx.globals.context);
      const source = mode === 'status' ? undefined : connectCurrent(ctx, flags.fromContext);
      try {
        if (mode === 'status')
          return printStatus(ctx, await moveStatus(target, flags.name), Boolean(flags.name));
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
    });
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
