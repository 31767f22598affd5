/** `driftline move --from-context A --to-context B`: move Cluster API clusters between management clusters, resumably. */
import { type Command, Option } from 'commander';
import { lazyAction } from '../action.js';
import type { CliContext } from '../context.js';
import { intFlag } from '../number-flags.js';
import { addOutputOption } from '../output.js';
import { listFlag } from '../selection-flags.js';

/** The flags of `move`. */
export interface MoveFlags {
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
    .action(lazyAction(makeContext, async () => (await import('../actions/move.js')).moveAction));
}
