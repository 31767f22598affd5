/** `driftline drift run --profiles DIR`: deploy, watch, detect, correct and notify until Ctrl-C (or one pass with --once). */
import type { Command } from 'commander';
import { UsageError } from '../../../common/errors.js';
import { CapiFleet } from '../../../controller/fleet.js';
import { loadProfiles, watchProfiles } from '../../../controller/profile-files.js';
import { startDriftSession } from '../../../controller/session.js';
import { passDrifts } from '../../../profiles/pass-report.js';
import { summarize } from '../../../profiles/summary.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS } from '../../exit-codes.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags, fleetFrom, managementClient, storeFrom } from './options.js';
import { printSummary } from './render.js';

interface RunFlags extends FleetFlags {
  profiles: string;
  webhook?: string[];
  slackWebhook?: string[];
  events?: boolean;
  metricsAddress?: string;
  once?: boolean;
}

const repeat = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Registers `drift run`. */
export function registerDriftRun(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('run')
    .description(
      'deploy profiles to the fleet, watch the deployed objects and detect, report and correct drift (until Ctrl-C)',
    )
    .requiredOption('--profiles <path>', 'a DriftProfile YAML file or a directory of them')
    .option('--webhook <url>', 'POST every drift event as JSON to this URL (repeatable)', repeat)
    .option('--slack-webhook <url>', 'post drift events to this Slack incoming webhook (repeatable)', repeat)
    .option(
      '--events',
      'record Kubernetes Events on the Cluster objects in the management cluster (--fleet capi)',
    )
    .option('--metrics-address <host:port>', 'serve Prometheus metrics on http://HOST:PORT/metrics')
    .option(
      '--once',
      'one pass (deploy, detect, correct Auto profiles), print the status and each drift found with what was done, and exit: 0 all in sync (also after corrections), 1 drift remains or a cluster is unreachable',
    );
  cmd.addHelpText(
    'after',
    '\nExamples:\n' +
      '  driftline drift run --profiles ./profiles --slack-webhook "$SLACK_URL" --events --metrics-address 0.0.0.0:9464\n' +
      '  driftline drift run --once --profiles ./profiles -o json   # from cron or CI',
  );
  addOutputOption(addFleetOptions(cmd)).action(async (flags: RunFlags, command: Command) => {
    const ctx = makeContext(command);
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
  });
}

function parseAddress(text: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m)
    throw new UsageError(
      `--metrics-address ${JSON.stringify(text)}: expected HOST:PORT, e.g. 127.0.0.1:9464`,
    );
  return { host: m[1]!.replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]) };
}
