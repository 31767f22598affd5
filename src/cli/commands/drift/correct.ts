/** `driftline drift correct --profile P`: re-apply drifted objects now, also for Manual profiles. */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags } from './options.js';

/** The flags of `drift correct`. */
export interface CorrectFlags extends FleetFlags {
  profiles: string;
  profile: string;
  cluster?: string;
  resource?: string;
}

/** Registers `drift correct`. */
export function registerDriftCorrect(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('correct')
    .description(
      're-apply the drifted (or deleted) objects of a profile now, forcing the declared values back',
    )
    .requiredOption('--profiles <path>', 'a DriftProfile YAML file or a directory of them')
    .requiredOption('--profile <name>', 'the profile whose objects to correct')
    .option('--cluster <name>', 'only this cluster (name or namespace/name)')
    .option('--resource <KIND/NS/NAME>', 'only this object (KIND/NAME when cluster-scoped)')
    .addHelpText(
      'after',
      '\nExample:\n  driftline drift correct --profiles profiles/ --profile baseline --cluster wc1 --resource ConfigMap/team-a/settings',
    );
  addOutputOption(addFleetOptions(cmd)).action(
    lazyAction(makeContext, async () => (await import('../../actions/drift/correct.js')).driftCorrect),
  );
}
