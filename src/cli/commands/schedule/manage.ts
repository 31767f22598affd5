/** `schedule delete | pause | unpause`. Deleting a schedule keeps its backups, as in Velero. */
import type { Command } from 'commander';
import type { VeleroSchedule } from '../../../backup/schedule-object.js';
import { UsageError } from '../../../common/errors.js';
import type { CliContext } from '../../context.js';
import { addStateDirOption, openSchedules, type StateFlags } from './flags.js';

type MakeContext = (cmd: Command) => CliContext;

/** Registers `schedule delete`, `schedule pause` and `schedule unpause`. */
export function registerScheduleManage(parent: Command, makeContext: MakeContext): void {
  addStateDirOption(
    parent
      .command('delete <name>')
      .description('delete a schedule (its backups stay in the store until they expire)')
      .option('--confirm', 'do not ask (required when stdin is not a terminal)')
      .addHelpText('after', '\nExample:\n  driftline schedule delete mgmt-nightly --confirm'),
  ).action(async (name: string, flags: StateFlags & { confirm?: boolean }, cmd: Command) => {
    const ctx = makeContext(cmd);
    if (!flags.confirm) throw new UsageError(`deleting schedule ${name}: re-run with --confirm`);
    await openSchedules(flags, ctx.env).delete(name);
    ctx.stdout.write(`Schedule ${name} deleted; its backups are kept until they expire\n`);
  });

  for (const paused of [true, false]) {
    const verb = paused ? 'pause' : 'unpause';
    addStateDirOption(
      parent
        .command(`${verb} <name>`)
        .description(paused ? 'stop taking backups for a schedule' : 'resume a paused schedule')
        .addHelpText('after', `\nExample:\n  driftline schedule ${verb} mgmt-nightly`),
    ).action(async (name: string, flags: StateFlags, cmd: Command) => {
      const ctx = makeContext(cmd);
      const store = openSchedules(flags, ctx.env);
      const schedule = await store.get(name);
      const spec: VeleroSchedule['spec'] = { ...schedule.spec, paused };
      if (!paused) delete spec.paused;
      await store.save({ ...schedule, spec });
      ctx.stdout.write(`Schedule ${name} ${paused ? 'paused' : 'unpaused'}\n`);
    });
  }
}
