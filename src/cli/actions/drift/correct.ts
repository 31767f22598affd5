/** `driftline drift correct --profile P` runs here: re-apply drifted objects now, also for Manual profiles. */
import { UsageError } from '../../../common/errors.js';
import { DriftController } from '../../../controller/drift-controller.js';
import { loadProfiles } from '../../../controller/profile-files.js';
import type { CorrectFlags } from '../../commands/drift/correct.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { printData } from '../../output.js';
import { fleetFrom, managementClient, storeFrom } from './fleet.js';

/** Re-applies the profile's drifted (or deleted) objects now and prints what each correction did. */
export async function driftCorrect(ctx: CliContext, flags: CorrectFlags): Promise<void> {
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
}
