/** `driftline drift accept`: make a legitimate live change the declared state by writing it into the profile file. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags } from './options.js';

/** The flags of `drift accept`. */
export interface AcceptFlags extends FleetFlags {
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
  addOutputOption(addFleetOptions(cmd)).action(
    lazyAction(makeContext, async () => (await import('../../actions/drift/accept.js')).driftAccept),
  );
}
