/** `schedule delete | pause | unpause`. Deleting a schedule keeps its backups, as in Velero. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addStateDirOption } from './flags.js';

type MakeContext = (cmd: Command) => CliContext;

const actions = (): Promise<typeof import('../../actions/schedule/manage.js')> =>
  import('../../actions/schedule/manage.js');

/** Registers `schedule delete`, `schedule pause` and `schedule unpause`. */
export function registerScheduleManage(parent: Command, makeContext: MakeContext): void {
  addStateDirOption(
    parent
      .command('delete <name>')
      .description('delete a schedule (its backups stay in the store until they expire)')
      .option('--confirm', 'do not ask (required when stdin is not a terminal)')
      .addHelpText('after', '\nExample:\n  driftline schedule delete mgmt-nightly --confirm'),
  ).action(lazyAction(makeContext, async () => (await actions()).scheduleDelete));

  for (const paused of [true, false]) {
    const verb = paused ? 'pause' : 'unpause';
    addStateDirOption(
      parent
        .command(`${verb} <name>`)
        .description(paused ? 'stop taking backups for a schedule' : 'resume a paused schedule')
        .addHelpText('after', `\nExample:\n  driftline schedule ${verb} mgmt-nightly`),
    ).action(lazyAction(makeContext, async () => (await actions()).schedulePause(paused)));
  }
}
