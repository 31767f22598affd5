/** `driftline drift status` runs here: the fleet table (cluster × profile) and each drifted object with its diff, from stored state. */
import { summarize } from '../../../profiles/summary.js';
import type { StatusFlags } from '../../commands/drift/status.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { managementClient, storeFrom } from './fleet.js';
import { printSummary } from './render.js';

/** Prints the fleet table and each drifted object from the stored drift state. */
export async function driftStatus(ctx: CliContext, flags: StatusFlags): Promise<void> {
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
}
