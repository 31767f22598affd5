/** `driftline drift run --profiles DIR` runs here: deploy, watch, detect, correct and notify until Ctrl-C (or one pass with --once). */
import { UsageError } from '../../../common/errors.js';
import { CapiFleet } from '../../../controller/fleet.js';
import { loadProfiles, watchProfiles } from '../../../controller/profile-files.js';
import { startDriftSession } from '../../../controller/session.js';
import { passDrifts } from '../../../profiles/pass-report.js';
import { summarize } from '../../../profiles/summary.js';
import type { RunFlags } from '../../commands/drift/run.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { fleetFrom, managementClient, storeFrom } from './fleet.js';
import { printSummary } from './render.js';

/** Deploys the profiles, then watches, corrects and notifies until interrupted (one pass with --once). */
export async function driftRun(ctx: CliContext, flags: RunFlags): Promise<void> {
  const profiles = loadProfiles(flags.profiles);
  const mgmt = managementClient(ctx, flags);
  const fleet = fleetFrom(ctx, flags, mgmt);
  if (flags.events && !(fleet instanceof CapiFleet))
    throw new UsageError('--events needs --fleet capi (Events go on Cluster objects)');
  const store = storeFrom(ctx, flags, mgmt);
  const startedAt = new Date().toISOString();
  const session = await startDriftSession({
    profiles,
    fleet,
    store,
    logger: ctx.logger,
    once: flags.once,
    metricsAddress: flags.metricsAddress ? parseAddress(flags.metricsAddress) : undefined,
    notify: {
      webhooks: flags.webhook,
      slack: flags.slackWebhook,
      events:
        flags.events && mgmt && fleet instanceof CapiFleet
          ? { client: mgmt, involvedFor: (id) => fleet.clusterObject(id) }
          : undefined,
    },
  });
  try {
    if (flags.once) {
      const states = session.controller.snapshot();
      const now = Date.now();
      const summary = summarize(states, now);
      const drifts = passDrifts(states, startedAt, profiles);
      printSummary(ctx, summary, now, { empty: 'No cluster of the fleet matches a profile.', drifts });
      // Drift this pass corrected is reported, not a failure: 1 means something is still not in sync.
      if (summary.rows.some((r) => r.status !== 'InSync')) ctx.setExitCode(EXIT_FINDINGS);
      return;
    }
    const watcher = watchProfiles(
      flags.profiles,
      (reloaded) => {
        ctx.stderr.write(`driftline: profiles changed: ${reloaded.length} profile(s) reloaded\n`);
        void session.controller.setProfiles(reloaded);
      },
      (err) =>
        ctx.stderr.write(`driftline: profiles not reloaded, keeping the previous ones: ${err.message}\n`),
    );
    ctx.stderr.write(
      `driftline: watching ${session.controller.snapshot().length} cluster(s) with ${profiles.length} profile(s); state in ${store.location}${session.metricsUrl ? `; metrics on ${session.metricsUrl}` : ''}. Ctrl-C stops.\n`,
    );
    const signal = await ctx.untilInterrupted();
    watcher.close();
    ctx.stderr.write(`driftline: ${signal}: stopping\n`);
  } finally {
    await session.stop();
    mgmt?.close();
  }
}

function parseAddress(text: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m)
    throw new UsageError(
      `--metrics-address ${JSON.stringify(text)}: expected HOST:PORT, e.g. 127.0.0.1:9464`,
    );
  return { host: m[1]!.replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]) };
}
