/** `driftline drift status`: the fleet table (cluster × profile) and each drifted object with its diff, from stored state. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags } from './options.js';

/** The flags of `drift status`. */
export interface StatusFlags extends FleetFlags {
  cluster?: string;
  profile?: string;
}

/** Registers `drift status`. */
export function registerDriftStatus(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('status')
    .description(
      'show drift per cluster × profile (InSync, Drifted, Contested, Unreachable) and the diff of every drifted object',
    )
    .option('--cluster <name>', 'only this cluster (name or namespace/name)')
    .option('--profile <name>', 'only this profile')
    .addHelpText(
      'after',
      '\nOBSERVED is when a drift run last saw each cluster; without a running `drift run` the state is as of then.\nExit code 1 when any cluster is not InSync (Drifted, Contested, Pending or Unreachable).',
    );
  cmd.addHelpText(
    'after',
    '\nExamples:\n  driftline drift status\n  driftline drift status --cluster wc1 -o json',
  );
  addOutputOption(addFleetOptions(cmd)).action(
    lazyAction(makeContext, async () => (await import('../../actions/drift/status.js')).driftStatus),
  );
}
