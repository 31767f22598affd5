/** `driftline unpause [--all | CLUSTER…]` runs here: resume reconciliation of restored Cluster API clusters. */
import { UsageError } from '../../common/errors.js';
import { parseDuration } from '../../format/index.js';
import { type UnpauseReport, unpauseClusters } from '../../restore/index.js';
import type { UnpauseFlags } from '../commands/unpause.js';
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { printData, type Table } from '../output.js';

/** Unpauses the named clusters (or --all), waiting for readiness with --wait. */
export async function unpauseAction(ctx: CliContext, clusters: string[], flags: UnpauseFlags): Promise<void> {
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
