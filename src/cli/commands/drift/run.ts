/** `driftline drift run --profiles DIR`: deploy, watch, detect, correct and notify until Ctrl-C (or one pass with --once). */
import type { Command } from 'commander';
import { lazyAction } from '../../action.js';
import type { CliContext } from '../../context.js';
import { addOutputOption } from '../../output.js';
import { addFleetOptions, type FleetFlags } from './options.js';

/** The flags of `drift run`. */
export interface RunFlags extends FleetFlags {
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
  addOutputOption(addFleetOptions(cmd)).action(
    lazyAction(makeContext, async () => (await import('../../actions/drift/run.js')).driftRun),
  );
}
