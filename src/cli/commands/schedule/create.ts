/** `driftline schedule create NAME --schedule CRON`: a Velero Schedule kept in the local state directory. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addSelectionOptions, type SelectionFlags } from '../../selection-flags.js';
import { addStoreOptions, type StoreFlags } from '../../store-options.js';
import { addStateDirOption, type StateFlags } from './flags.js';

/** The flags of `schedule create`. */
export interface CreateFlags extends StoreFlags, StateFlags, SelectionFlags {
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
  ).action(
    lazyAction(makeContext, async () => (await import('../../actions/schedule/create.js')).scheduleCreate),
  );
}
