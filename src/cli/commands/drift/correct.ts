/** `driftline drift correct --profile P`: re-apply drifted objects now, also for Manual profiles. */
import type { Command } from 'commander';
import { UsageError } from '../../../common/errors.js';
import { DriftController } from '../../../controller/drift-controller.js';
import { loadProfiles } from '../../../controller/profile-files.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { addOutputOption, printData } from '../../output.js';
import { addFleetOptions, type FleetFlags, fleetFrom, managementClient, storeFrom } from './options.js';

interface CorrectFlags extends FleetFlags {
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
  addOutputOption(addFleetOptions(cmd)).action(async (flags: CorrectFlags, command: Command) => {
    const ctx = makeContext(command);
    const profiles = loadProfiles(flags.profiles);
    if (!profiles.some((p) => p.name === flags.profile))
      throw new UsageError(`no profile named ${flags.profile} in ${flags.profiles}`);
    const mgmt = managementClient(ctx, flags);
    const controller = new DriftController({
      profiles,
      fleet: fleetFrom(ctx, flags, mgmt),
      store: storeFrom(ctx, flags, mgmt),
      logger: ctx.logger,
      watch: false,
      passive: true,
      flushMs: 50,
    });
    try {
      await controller.start();
      await controller.ready();
      const outcomes = await controller.correct({
        profile: flags.profile,
        cluster: flags.cluster,
        resource: flags.resource,
      });
      printData(ctx, outcomes, () => ({
        headers: ['CLUSTER', 'OBJECT', 'RESULT'],
        rows: outcomes.map((o) => [
          o.cluster,
          o.object,
          o.skipped
            ? `skipped: ${o.skipped}`
            : `${o.correction?.result}${o.correction?.message ? `: ${o.correction.message}` : ''}`,
        ]),
      }));
      if (outcomes.length === 0)
        ctx.stderr.write('nothing matched: check --profile, --cluster and --resource\n');
      if (outcomes.some((o) => o.correction && o.correction.result !== 'corrected'))
        ctx.setExitCode(EXIT_FINDINGS);
    } finally {
      await controller.stop();
      mgmt?.close();
    }
  });
}
