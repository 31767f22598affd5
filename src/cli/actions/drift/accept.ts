/** `driftline drift accept` runs here: make a legitimate live change the declared state in the profile file. */
import { acceptDrift } from '../../../controller/accept-drift.js';
import { loadProfiles } from '../../../controller/profile-files.js';
import type { AcceptFlags } from '../../commands/drift/accept.js';
import type { CliContext } from '../../context.js';
import { printData } from '../../output.js';
import { fleetFrom, managementClient } from './fleet.js';

/** Writes the cluster's live values of the drifted fields into the profile file. */
export async function driftAccept(ctx: CliContext, flags: AcceptFlags): Promise<void> {
  const profiles = loadProfiles(flags.profiles);
  const mgmt = managementClient(ctx, flags);
  try {
    const results = await acceptDrift({
      profiles,
      fleet: fleetFrom(ctx, flags, mgmt),
      profile: flags.profile,
      cluster: flags.cluster,
      resource: flags.resource,
    });
    printData(ctx, results, () => ({
      headers: ['OBJECT', 'FILE', 'ACCEPTED'],
      rows: results.map((r) => [r.object, r.file, r.skipped ?? r.paths.join(', ')]),
    }));
  } finally {
    mgmt?.close();
  }
}
