/** `restore list | describe | logs`: reading the restores recorded in the store. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addStoreOptions } from '../../store-options.js';

type MakeContext = (cmd: Command) => CliContext;

const actions = (): Promise<typeof import('../../actions/restore/read.js')> =>
  import('../../actions/restore/read.js');

/** Registers the read-side restore commands. */
export function registerRestoreRead(parent: Command, makeContext: MakeContext): void {
  addStoreOptions(
    addOutputOption(
      parent
        .command('list')
        .alias('get')
        .description('list restores recorded in the store, newest first')
        .addHelpText('after', '\nExamples:\n  driftline restore list\n  driftline restore list -o json'),
    ),
  ).action(lazyAction(makeContext, async () => (await actions()).restoreList));

  addStoreOptions(
    addOutputOption(parent.command('describe <name>'))
      .description('show a restore: phase, counts, filters, policies')
      .option('--details', 'also list every restored object with its action, and the errors and warnings')
      .addHelpText('after', '\nExample:\n  driftline restore describe dr-1 --details'),
  ).action(lazyAction(makeContext, async () => (await actions()).restoreDescribe));

  addStoreOptions(
    parent
      .command('logs <name>')
      .description("print a restore's log")
      .addHelpText('after', '\nExample:\n  driftline restore logs dr-1 --store s3://velero/mgmt'),
  ).action(lazyAction(makeContext, async () => (await actions()).restoreLogs));
}
