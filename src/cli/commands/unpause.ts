/** `driftline unpause [--all | CLUSTER…]`: resume reconciliation of restored Cluster API clusters. */
import { type Command, Option } from 'commander';
import { UsageError } from '../../common/errors.js';
import { parseDuration } from '../../format/index.js';
import { type UnpauseReport, unpauseClusters } from '../../restore/index.js';
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { addOutputOption, printData, type Table } from '../output.js';

interface UnpauseFlags {
  all?: boolean;
  namespace?: string;
  wait?: boolean;
  timeout: string;
  pollInterval: string;
}

/** Registers `unpause`. */
export function registerUnpause(program: Command, makeContext: (cmd: Command) => CliContext): void {
  addOutputOption(program.command('unpause [clusters...]'))
    .description(
      'set spec.paused=false (and drop the cluster.x-k8s.io/paused annotation) on restored clusters',
    )
    .option(
      '--all',
      'every paused cluster (in -n, else in all namespaces), except those paused in their backup',
    )
    .option('-n, --namespace <namespace>', 'namespace of the named clusters, or the scope of --all')
    .option(
      '--wait',
      'wait until each cluster reports ready (Ready/Available condition, or phase Provisioned)',
    )
    .option('--timeout <duration>', 'with --wait: how long to wait', '10m')
    .addOption(
      new Option('--poll-interval <duration>', 'with --wait: how often to check').default('2s').hideHelp(),
    )
    .addHelpText(
      'after',
      '\nCLUSTER is NAME (with -n, or unique across namespaces) or NAMESPACE/NAME.\n' +
        'Exit codes: 0 all unpaused (and ready with --wait), 1 some not found, failed or not ready, 2 error.\n' +
        'Example:\n  driftline unpause --all --wait --timeout 30m',
    )
    .action(async (clusters: string[], flags: UnpauseFlags, cmd: Command) => {
      const ctx = makeContext(cmd);
      if (flags.all && clusters.length > 0) throw new UsageError('name clusters or pass --all, not both');
      if (!flags.all && clusters.length === 0)
        throw new UsageError('name the clusters to unpause, or pass --all');
      const target = connectCurrent(ctx);
      try {
        const report = await unpauseClusters(target, {
          clusters,
          all: flags.all,
          namespace: flags.namespace,
          wait: flags.wait,
          timeoutMs: parseDuration(flags.timeout),
          pollMs: parseDuration(flags.pollInterval),
        });
        printData(ctx, report, () => unpauseTable(report));
        ctx.setExitCode(report.ok ? 0 : 1);
      } finally {
        target.close();
      }
    });
}

function unpauseTable(report: UnpauseReport): Table {
  const headers = ['NAMESPACE', 'NAME', 'RESULT', ...(report.waited ? ['READY'] : []), 'MESSAGE'];
  const rows = report.clusters.map((c) => [
    c.namespace || '<unknown>',
    c.name,
    c.result,
    ...(report.waited ? [c.ready === undefined ? '-' : String(c.ready)] : []),
    [c.message, c.readiness].filter(Boolean).join('; '),
  ]);
  return { headers, rows };
}
