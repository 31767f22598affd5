/** `driftline schedule run [NAME…]`: the long-running scheduler (Ctrl-C stops after the current backup). */
import { type Command, Option } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addStateDirOption, type StateFlags } from './flags.js';

/** The flags of `schedule run`. */
export interface RunFlags extends StateFlags {
  once?: boolean;
  stopAfter?: string;
}

/** Registers `schedule run`. */
export function registerScheduleRun(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  addStateDirOption(
    parent
      .command('run [names...]')
      .description(
        'take scheduled backups and delete expired ones until interrupted (all schedules by default)',
      )
      .option(
        '--once',
        'one pass: take due and missed backups, collect garbage, then exit (for cron/CronJob)',
      )
      .addOption(new Option('--stop-after <duration>', 'stop after this long (tests)').hideHelp())
      .addHelpText(
        'after',
        '\nOn start, a schedule that missed runs while nothing was running takes ONE catch-up backup;\n' +
          'expired backups (status.expiration passed) are deleted at start and after every tick.\n' +
          'Backups are named <schedule>-YYYYMMDDhhmmss (UTC) and labelled velero.io/schedule-name.\n' +
          '\nExamples:\n  driftline schedule run\n  driftline schedule run mgmt-nightly --once   # from cron or a CronJob',
      ),
  ).action(lazyAction(makeContext, async () => (await import('../../actions/schedule/run.js')).scheduleRun));
}
