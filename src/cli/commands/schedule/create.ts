/** `driftline schedule create NAME --schedule CRON`: a Velero Schedule kept in the local state directory. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { decideRun, parseCron } from '../../../backup/schedule.js';
import { buildSchedule, scheduleState } from '../../../backup/schedule-object.js';
import { SCHEDULE_ANNOTATIONS } from '../../../model/vocabulary.js';
import type { CliContext } from '../../context.js';
import { addSelectionOptions, type SelectionFlags } from '../../selection-flags.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';
import { addStateDirOption, openSchedules, type StateFlags, storeAnnotations } from './flags.js';

interface CreateFlags extends StoreFlags, StateFlags, SelectionFlags {
  schedule: string;
  ttl: string;
  clusterApi?: boolean;
  skipImmediately?: boolean;
  paused?: boolean;
}

/** Registers `schedule create`. */
export function registerScheduleCreate(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('create <name>')
    .description('create a schedule of Velero-format backups (run them with `driftline schedule run`)')
    .requiredOption('--schedule <cron>', 'cron expression in UTC, e.g. "0 2 * * *", "@daily", "@every 6h"')
    .option('--ttl <duration>', 'how long each backup is kept before garbage collection', '720h')
    .option(
      '--cluster-api',
      'capture exactly what restoring the Cluster API clusters needs (see backup create)',
    )
    .option(
      '--skip-immediately',
      'do not back up as soon as the scheduler first sees the schedule; wait for the first tick',
    )
    .option('--paused', 'create the schedule paused')
    .addHelpText(
      'after',
      '\nVelero keeps schedules in the cluster; Driftline keeps them in --state-dir as Velero Schedule JSON.\n' +
        'The store flags and --context/--kubeconfig given here are recorded in the schedule.\n' +
        'Example:\n  driftline schedule create mgmt-nightly --schedule "0 2 * * *" --cluster-api --ttl 168h',
    );
  addStateDirOption(
    addStoreOptions(addSelectionOptions(cmd, 'back up', 'only when all namespaces are included')),
  ).action(async (name: string, flags: CreateFlags, command: Command) => {
    const ctx = makeContext(command);
    // Fail now on a bad --store, not hours later in `schedule run`.
    openRepository(flags, ctx.env);
    const now = new Date();
    const schedule = buildSchedule({
      name,
      schedule: flags.schedule,
      ttl: flags.ttl,
      includeNamespaces: flags.includeNamespaces,
      excludeNamespaces: flags.excludeNamespaces,
      includeResources: flags.includeResources,
      excludeResources: flags.excludeResources,
      includeClusterResources: flags.includeClusterResources,
      labelSelector: flags.selector,
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
  });
}

function clusterAnnotations(ctx: CliContext): Record<string, string> {
  return {
    ...(ctx.globals.context && { [SCHEDULE_ANNOTATIONS.kubeContext]: ctx.globals.context }),
    ...(ctx.globals.kubeconfig && { [SCHEDULE_ANNOTATIONS.kubeconfig]: resolve(ctx.globals.kubeconfig) }),
  };
}
