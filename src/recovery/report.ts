/** Builds the RecoveryDriftReport from a topology and evidence, filters it, and maps it to an exit code (pure). */
import type { CapiTopology } from '../model/capi-topology.js';
import { clusterReport } from './cluster-report.js';
import type { Evidence } from './evidence.js';
import { matchEvidence } from './match.js';
import type {
  BackupInfo,
  ClusterReport,
  Counts,
  RecoveryDriftReport,
  SummaryReport,
} from './report-schema.js';
import { REPORT_API_VERSION, REPORT_KIND } from './report-schema.js';
import type { Assessment, Rollup, RollupStatus } from './status.js';
import { describeTally, fold } from './status.js';

/** What `buildReport` needs besides the topology and the evidence. */
export interface ReportOptions {
  backup: BackupInfo;
  /** TLS verification of vCenter / API servers was disabled (`--insecure-skip-verify`); said in the report. */
  insecureSkipVerify?: boolean;
  /** Workload API servers were not contacted (`--skip-access-apiserver`). */
  skipAccessApiserver?: boolean;
  /** The vCenter the inventory was read from. */
  vsphereServer?: string | null;
  /** Apply `filterHealthy` (`--ignore-healthy-resources`). */
  ignoreHealthyResources?: boolean;
}

function sumCounts(all: readonly Counts[]): Counts {
  const add = (key: 'desired' | 'vms' | 'nodes'): number | null => {
    const known = all.map((c) => c[key]).filter((v): v is number => v !== null);
    return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
  };
  return {
    desired: add('desired'),
    machines: all.reduce((n, c) => n + c.machines, 0),
    vms: add('vms'),
    nodes: add('nodes'),
  };
}

function clusterTally(clusters: readonly ClusterReport[]): Record<RollupStatus, number> {
  const tally: Record<RollupStatus, number> = { Healthy: 0, Unknown: 0, Drifted: 0, Error: 0 };
  for (const c of clusters) tally[c.status]++;
  return tally;
}

function summaryMessage(rollup: Rollup, clusters: readonly ClusterReport[]): string {
  const byStatus = clusterTally(clusters);
  const order: RollupStatus[] = ['Error', 'Drifted', 'Unknown', 'Healthy'];
  const parts = order.filter((s) => byStatus[s] > 0).map((s) => `${byStatus[s]} ${s}`);
  const n = clusters.length;
  const head = `${n} cluster${n === 1 ? '' : 's'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  const notes = rollup.notes.slice(0, 3).map((note) => note.message);
  if (rollup.notes.length > notes.length) notes.push(`${rollup.notes.length - notes.length} more`);
  return [...notes, head, `machines: ${describeTally(rollup.tally)}`].join('; ');
}

function summarize(topology: CapiTopology, results: ReturnType<typeof clusterReport>[]): SummaryReport {
  const children = results.map(({ report, rollup }) => ({
    ...rollup,
    notes: rollup.notes.map((n) => ({ ...n, message: `${report.namespace}/${report.name}: ${n.message}` })),
  }));
  const notes: Assessment<RollupStatus>[] = topology.problems.map((message) => ({
    status: 'Error',
    message,
  }));
  const rollup = fold({ children, notes });
  const clusters = results.map((r) => r.report);
  return {
    status: rollup.status,
    message: summaryMessage(rollup, clusters),
    counts: {
      ...sumCounts(clusters.map((c) => c.counts)),
      clusters: clusters.length,
      ghosts: clusters.reduce((n, c) => n + c.ghosts.length, 0),
      byStatus: { ...rollup.tally },
    },
    clustersByStatus: clusterTally(clusters),
  };
}

/**
 * Compares a backup's topology with the evidence and builds the report: every Machine
 * classified, ghosts found, roll-ups per control plane, pool, workers, cluster and summary,
 * remediation per finding. Never includes secret data (kubeconfigs stay in the topology).
 */
export function buildReport(
  topology: CapiTopology,
  evidence: Evidence,
  options: ReportOptions,
  now: Date,
): RecoveryDriftReport {
  const vsphereServer =
    options.vsphereServer ??
    (evidence.vsphere.state === 'checked' ? (evidence.vsphere.server ?? null) : null);
  const matches = matchEvidence(topology.clusters, evidence, { vsphereServer });
  const results = matches.map(clusterReport);
  const report: RecoveryDriftReport = {
    apiVersion: REPORT_API_VERSION,
    kind: REPORT_KIND,
    backup: { ...options.backup },
    generatedAt: now.toISOString(),
    options: {
      insecureSkipVerify: options.insecureSkipVerify ?? false,
      skipAccessApiserver: options.skipAccessApiserver ?? false,
      ignoreHealthyResources: false,
      vsphereServer,
    },
    summary: summarize(topology, results),
    clusters: results.map((r) => r.report),
  };
  return options.ignoreHealthyResources ? filterHealthy(report) : report;
}

/**
 * `--ignore-healthy-resources`: drops Healthy clusters, pools and machines, keeps every count
 * (summary, cluster, control plane, workers, pool) as computed over everything.
 */
export function filterHealthy(report: RecoveryDriftReport): RecoveryDriftReport {
  const notHealthy = <T extends { status: string }>(items: readonly T[]): T[] =>
    items.filter((i) => i.status !== 'Healthy');
  const clusters = notHealthy(report.clusters).map((c) => ({
    ...c,
    controlPlane: { ...c.controlPlane, machines: notHealthy(c.controlPlane.machines) },
    workers: {
      ...c.workers,
      pools: notHealthy(c.workers.pools).map((p) => ({ ...p, machines: notHealthy(p.machines) })),
    },
  }));
  return { ...report, options: { ...report.options, ignoreHealthyResources: true }, clusters };
}

/** The documented exit codes of `driftline detect`. */
export const DETECT_EXIT = { healthy: 0, findings: 1, error: 2 } as const;

/** 0 when the summary is Healthy, 1 when Drifted or Unknown, 2 when Error. */
export function exitCodeFor(report: Pick<RecoveryDriftReport, 'summary'>): 0 | 1 | 2 {
  const status = report.summary.status;
  if (status === 'Healthy') return DETECT_EXIT.healthy;
  return status === 'Error' ? DETECT_EXIT.error : DETECT_EXIT.findings;
}
