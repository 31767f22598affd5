/** `driftline drift status`: the fleet table (cluster × profile) and each drifted object with its diff, from stored state. */
import type { Command } from 'commander';
import { summarize } from '../../../profiles/summary.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags, managementClient, storeFrom } from './options.js';
import { printSummary } from './render.js';

interface StatusFlags extends FleetFlags {
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
  cmd.addHelpText('after', '\nExamples:\n  driftline drift status\n  driftline drift status --cluster wc1 -o json');
  addOutputOption(addFleetOptions(cmd)).action(async (flags: StatusFlags, command: Command) => {
    const ctx = makeContext(command);
    const mgmt = flags.stateDir ? undefined : managementClient(ctx, flags);
    try {
      const states = await storeFrom(ctx, flags, mgmt).list();
      const now = Date.now();
      const summary = summarize(states, now, { cluster: flags.cluster, profile: flags.profile });
      printSummary(ctx, summary, now, {
        empty: 'No drift state yet: run `driftline drift run --profiles DIR` first.',
        watchNote: true,
      });
      if (summary.rows.some((r) => r.status !== 'InSync')) ctx.setExitCode(EXIT_FINDINGS);
    } finally {
      mgmt?.close();
    }
  });
}
