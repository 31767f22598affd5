/** `driftline schedule create NAME --schedule CRON` runs here: a Velero Schedule kept in the local state directory. */
import { resolve } from 'node:path';
import { decideRun, parseCron } from '../../../backup/schedule.js';
import { buildSchedule, scheduleState } from '../../../backup/schedule-object.js';
import { SCHEDULE_ANNOTATIONS } from '../../../model/vocabulary.js';
import type { CreateFlags } from '../../commands/schedule/create.js';
import type { CliContext } from '../../context.js';
import { openRepository } from '../../open-repository.js';
import { selectionOf } from '../../selection-flags.js';
import { openSchedules, storeAnnotations } from './store.js';

/** Writes schedule `name` and says when its first backup runs. */
export async function scheduleCreate(ctx: CliContext, name: string, flags: CreateFlags): Promise<void> {
  // Fail now on a bad --store, not hours later in `schedule run`.
  openRepository(flags, ctx.env);
  const now = new Date();
  const schedule = buildSchedule({
    name,
    schedule: flags.schedule,
    ttl: flags.ttl,
    ...selectionOf(flags),
    preset: flags.clusterApi ? 'cluster-api' : undefined,
    skipImmediately: flags.skipImmediately,
    paused: flags.paused,
    annotations: { ...storeAnnotations(flags, ctx.env), ...clusterAnnotations(ctx) },
    now,
  });
  const file = await openSchedules(flags, ctx.env).create(schedule);
  const decision = decideRun(parseCron(schedule.spec.schedule), scheduleState(schedule), now);
  const when = decision.due ? 'as soon as `driftline schedule run` starts' : decision.reason;
  ctx.stdout.write(`Schedule ${name} created (${file}); first backup: ${when}\n`);
}

function clusterAnnotations(ctx: CliContext): Record<string, string> {
  return {
    ...(ctx.globals.context && { [SCHEDULE_ANNOTATIONS.kubeContext]: ctx.globals.context }),
    ...(ctx.globals.kubeconfig && { [SCHEDULE_ANNOTATIONS.kubeconfig]: resolve(ctx.globals.kubeconfig) }),
  };
}
