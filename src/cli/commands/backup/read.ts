/** `backup list | describe | download | delete | inspect`: reading and managing stored backups. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addStoreOptions } from '../../store-options.js';

type MakeContext = (cmd: Command) => CliContext;

const actions = (): Promise<typeof import('../../actions/backup/read.js')> =>
  import('../../actions/backup/read.js');

/** Registers the read-side backup commands. */
export function registerBackupRead(parent: Command, makeContext: MakeContext): void {
  addStoreOptions(
    addOutputOption(
      parent
        .command('list')
        .alias('get')
        .description('list backups in the store, newest first')
        .addHelpText(
          'after',
          '\nExamples:\n  driftline backup list\n' +
            "  driftline backup list --store s3://velero/mgmt -o json | jq -r '.backups[].metadata.name'",
        ),
    ),
  ).action(lazyAction(makeContext, async () => (await actions()).backupList));

  addStoreOptions(
    addOutputOption(parent.command('describe <name>'))
      .description('show a backup: phase, selection, timings, item counts')
      .option('--details', 'also list every backed-up object (the resource list) and the errors/warnings')
      .addHelpText('after', '\nExample:\n  driftline backup describe mgmt-before-upgrade --details'),
  ).action(lazyAction(makeContext, async () => (await actions()).backupDescribe));

  addStoreOptions(
    parent
      .command('download <name>')
      .description('save the backup tarball locally (as <name>-data.tar.gz, like velero backup download)')
      .option('-o, --output <file>', 'where to write the tarball')
      .addHelpText(
        'after',
        '\nExample:\n  driftline backup download mgmt-before-upgrade -o /tmp/mgmt.tar.gz',
      ),
  ).action(lazyAction(makeContext, async () => (await actions()).backupDownload));

  addStoreOptions(
    parent
      .command('delete <name>')
      .description('delete a backup and all its files from the store')
      .option('--confirm', 'do not ask (required when stdin is not a terminal)')
      .addHelpText('after', '\nExample:\n  driftline backup delete mgmt-before-upgrade --confirm'),
  ).action(lazyAction(makeContext, async () => (await actions()).backupDelete));

  addOutputOption(parent.command('inspect <file>'))
    .description('read a local tarball (e.g. from velero backup download) and summarise it; needs no store')
    .option('--objects', 'list every object')
    .addHelpText(
      'after',
      '\nExamples:\n  driftline backup inspect mgmt-nightly-20250101020000-data.tar.gz\n' +
        "  driftline backup inspect mgmt.tar.gz --objects | grep 'v1/Secret '",
    )
    .action(
      lazyAction(makeContext, async () => (await import('../../actions/backup/inspect.js')).backupInspect),
    );
}
