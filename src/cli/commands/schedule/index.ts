/** The `schedule` command group. */
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerScheduleCreate } from './create.js';
import { registerScheduleManage } from './manage.js';
import { registerScheduleRead } from './read.js';
import { registerScheduleRun } from './run.js';

/** Registers `driftline schedule …`. */
export function registerSchedule(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const schedule = program
    .command('schedule')
    .description('schedule Velero-format backups with a TTL, and run the scheduler')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  driftline schedule create mgmt-nightly --schedule "0 2 * * *" --cluster-api --ttl 168h\n' +
        '  driftline schedule run --once',
    );
  registerScheduleCreate(schedule, makeContext);
  registerScheduleRead(schedule, makeContext);
  registerScheduleManage(schedule, makeContext);
  registerScheduleRun(schedule, makeContext);
}
