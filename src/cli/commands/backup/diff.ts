/** `driftline backup diff A B | A --live`: what changed between two backups, or since a backup. */
import { type Command, Option } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addStoreOptions, type StoreFlags } from '../../store-options.js';

/** The output formats of `backup diff`. */
export type DiffFormat = 'table' | 'json' | 'unified';

/** The flags of `backup diff`. */
export interface DiffFlags extends StoreFlags {
  live?: boolean;
  includeStatus?: boolean;
  clusterApi?: boolean;
  output: DiffFormat;
}

/** Registers `backup diff`. */
export function registerBackupDiff(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('diff <from> [to]')
    .description(
      'show added, removed and changed objects between two backups, or between a backup and the cluster',
    )
    .option('--live', 'compare <from> with the current context instead of a second backup')
    .option('--include-status', 'also compare status (ignored by default, as Velero ignores it on restore)')
    .option(
      '--cluster-api',
      'with --live: apply the --cluster-api preset to the live side, as backup create did',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format: table|json|unified')
        .choices(['table', 'json', 'unified'])
        .default('table'),
    )
    .addHelpText(
      'after',
      '\n<from>/<to> name backups in the store, or local tarballs (a path ending in .tar.gz).\n' +
        'Secret values are never shown, only which keys changed.\n' +
        'Exit codes: 0 identical, 1 differences found, 2 error.\n' +
        'Examples:\n  driftline backup diff nightly-20250101020000 nightly-20250102020000\n' +
        '  driftline backup diff before-upgrade --live -o unified',
    );
  addStoreOptions(cmd).action(
    lazyAction(makeContext, async () => (await import('../../actions/backup/diff.js')).backupDiff),
  );
}
