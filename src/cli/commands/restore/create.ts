/** `driftline restore create NAME --from-backup BACKUP`: restore into the current (or --to-context) cluster. */
import { type Command, Option } from 'commander';
// types.js, not the restore index: the policies are a constant, the restore engine loads with the action.
import { EXISTING_RESOURCE_POLICIES, type ExistingResourcePolicy } from '../../../restore/types.js';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addSelectionOptions, listFlag, type SelectionFlags } from '../../selection-flags.js';
import { addStoreOptions, type StoreFlags } from '../../store-options.js';

/** The flags of `restore create`. */
export interface CreateFlags extends StoreFlags, SelectionFlags {
  fromBackup: string;
  toContext?: string;
  namespaceMapping?: string[];
  existingResourcePolicy: ExistingResourcePolicy;
  restoreStatus?: string[];
  unpause?: boolean;
  wait?: boolean;
  timeout: string;
  dryRun?: boolean;
  concurrency: number;
  failAfter?: number;
}

/** Registers `restore create`. */
export function registerRestoreCreate(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = addOutputOption(parent.command('create <name>'))
    .description('restore a backup: ordered, clusters paused, owner references rebuilt, resumable')
    .requiredOption('--from-backup <backup>', 'the backup to restore')
    .option(
      '--to-context <context>',
      'kubeconfig context of the target cluster (default: --context, then current)',
    )
    .option(
      '--namespace-mapping <old:new>',
      'restore namespace old into new (comma-separated, repeatable)',
      listFlag,
    )
    .addOption(
      new Option(
        '--existing-resource-policy <policy>',
        'objects that already exist: none skips them, update applies',
      )
        .choices([...EXISTING_RESOURCE_POLICIES])
        .default('none'),
    )
    .option(
      '--restore-status <resources>',
      "restore status of these resources ('*' for all; default none)",
      listFlag,
    )
    .option('--unpause', 'unpause the clusters this restore paused, once everything is restored')
    .option('--wait', 'with --unpause: wait until the clusters report ready')
    .option('--timeout <duration>', 'with --wait: how long to wait', '10m')
    .option('--dry-run', 'print the plan and what would happen to every object; write nothing')
    .option('--concurrency <n>', 'objects written at once within a step', positiveInt, 16)
    .addOption(
      new Option('--fail-after <n>', 'simulate a crash after n objects (tests)')
        .argParser(positiveInt)
        .hideHelp(),
    )
    .addHelpText(
      'after',
      '\nRe-running the same command after an interruption finishes the restore (journal: ConfigMap\n' +
        'driftline-restore-NAME in driftline-system of the target). Exit codes: 0 completed, 1 partially\n' +
        'failed (dry run: something would fail or differs), 2 refused or error.\nExample:\n' +
        '  driftline restore create dr-1 --from-backup mgmt-daily-20250101 --to-context new-mgmt --unpause --wait',
    );
  addStoreOptions(
    addSelectionOptions(cmd, 'restore', 'when all namespaces are restored, plus CRDs of restored objects'),
  ).action(
    lazyAction(makeContext, async () => (await import('../../actions/restore/create.js')).restoreCreate),
  );
}

function positiveInt(v: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1 || String(n) !== v.trim())
    throw new Error(`expected a positive integer, got ${v}`);
  return n;
}
