/** `schedule delete | pause | unpause` run here. Deleting a schedule keeps its backups, as in Velero. */
import type { VeleroSchedule } from '../../../backup/schedule-object.js';
import { UsageError } from '../../../common/errors.js';
import type { StateFlags } from '../../commands/schedule/flags.js';
import type { CliContext } from '../../context.js';
import { openSchedules } from './store.js';

/** Deletes schedule `name` (with --confirm). */
export async function scheduleDelete(
  ctx: CliContext,
  name: string,
  flags: StateFlags & { confirm?: boolean },
): Promise<void> {
  if (!flags.confirm) throw new UsageError(`deleting schedule ${name}: re-run with --confirm`);
  await openSchedules(flags, ctx.env).delete(name);
  ctx.stdout.write(`Schedule ${name} deleted; its backups are kept until they expire\n`);
}

/** `schedule pause` (paused true) or `schedule unpause` (false). */
export function schedulePause(
  paused: boolean,
): (ctx: CliContext, name: string, flags: StateFlags) => Promise<void> {
  return async (ctx, name, flags) => {
    const store = openSchedules(flags, ctx.env);
    const schedule = await store.get(name);
    const spec: VeleroSchedule['spec'] = { ...schedule.spec, paused };
    if (!paused) delete spec.paused;
    await store.save({ ...schedule, spec });
    ctx.stdout.write(`Schedule ${name} ${paused ? 'paused' : 'unpaused'}\n`);
  };
}
