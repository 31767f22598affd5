/** `schedule list | describe`: what is scheduled, when it last ran and when it runs next. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addStateDirOption } from './flags.js';

type MakeContext = (cmd: Command) => CliContext;

const actions = (): Promise<typeof import('../../actions/schedule/read.js')> =>
  import('../../actions/schedule/read.js');

/** Registers `schedule list` and `schedule describe`. */
export function registerScheduleRead(parent: Command, makeContext: MakeContext): void {
  addStateDirOption(
    addOutputOption(
      parent
        .command('list')
        .alias('get')
        .description('list schedules')
        .addHelpText('after', '\nExample:\n  driftline schedule list -o yaml'),
    ),
  ).action(lazyAction(makeContext, async () => (await actions()).scheduleList));

  addStateDirOption(
    addOutputOption(
      parent
        .command('describe <name>')
        .description('show a schedule, its backup template and its next run')
        .addHelpText('after', '\nExample:\n  driftline schedule describe mgmt-nightly'),
    ),
  ).action(lazyAction(makeContext, async () => (await actions()).scheduleDescribe));
}
