/** `driftline drift accept`: make a legitimate live change the declared state by writing it into the profile file. */
import type { Command } from 'commander';
import { acceptDrift } from '../../../controller/accept-drift.js';
import { loadProfiles } from '../../../controller/profile-files.js';
import type { CliContext } from '../../context.js';
import { addOutputOption, printData } from '../../output.js';
import { addFleetOptions, type FleetFlags, fleetFrom, managementClient } from './options.js';

interface AcceptFlags extends FleetFlags {
  profiles: string;
  profile: string;
  cluster: string;
  resource?: string;
}

/** Registers `drift accept`. */
export function registerDriftAccept(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('accept')
    .description("write a cluster's live values of drifted fields back into the profile file (comments kept)")
    .requiredOption('--profiles <path>', 'a DriftProfile YAML file or a directory of them')
    .requiredOption('--profile <name>', 'the profile to update')
    .requiredOption('--cluster <name>', 'the cluster whose live values to accept (name or namespace/name)')
    .option(
      '--resource <KIND/NS/NAME>',
      'only this object (default: every drifted object of the profile there)',
    )
    .addHelpText(
      'after',
      '\nSecrets are refused: copy Secret values into files by hand. A running `drift run` reloads the profile and deploys it.',
    );
  cmd.addHelpText(
    'after',
    '\nExample:\n  driftline drift accept --profiles profiles/ --profile baseline --cluster wc1 --resource ConfigMap/team-a/settings',
  );
  addOutputOption(addFleetOptions(cmd)).action(async (flags: AcceptFlags, command: Command) => {
    const ctx = makeContext(command);
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
  });
}
