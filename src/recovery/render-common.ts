/** What the table, Markdown and HTML renderers share: counts as `found/desired`, findings, headline facts. */
import type { ClusterReport, Counts, RecoveryDriftReport, RemediationStep } from './report-schema.js';
import type { AnyStatus } from './status.js';

/** `found/desired`, e.g. `4/3`; found is Nodes when they were read, else VMs; `-` when neither was. */
export function foundOverDesired(counts: Counts): string {
  const found = counts.nodes ?? counts.vms;
  return `${found ?? '-'}/${counts.desired ?? '?'}`;
}

/** `found/desired` for one source (`nodes` or `vms`). */
export function sourceOverDesired(counts: Counts, source: 'nodes' | 'vms'): string {
  return `${counts[source] ?? '-'}/${counts.desired ?? '?'}`;
}

/** One thing to act on in a cluster: a non-healthy Machine or a ghost. */
export interface Finding {
  kind: 'Machine' | 'Ghost VM' | 'Ghost Node';
  name: string;
  role: string;
  pool: string | null;
  status: AnyStatus;
  reason: string;
  remediation: RemediationStep[];
}

/** The cluster's non-healthy Machines (control plane first) and ghosts, in report order. */
export function findingsOf(cluster: ClusterReport): Finding[] {
  const machines = [...cluster.controlPlane.machines, ...cluster.workers.pools.flatMap((p) => p.machines)];
  const out: Finding[] = machines
    .filter((m) => m.status !== 'Healthy')
    .map((m) => ({
      kind: 'Machine',
      name: m.name,
      role: m.role,
      pool: m.pool,
      status: m.status,
      reason: m.reason,
      remediation: m.remediation,
    }));
  for (const g of cluster.ghosts) {
    out.push({
      kind: g.kind === 'Node' ? 'Ghost Node' : 'Ghost VM',
      name: g.name,
      role: g.role,
      pool: g.pool,
      status: g.status,
      reason: g.evidence,
      remediation: g.remediation,
    });
  }
  return out;
}

/** Facts about how the report was made, each one line (TLS skipping is always said). */
export function headlineFacts(report: RecoveryDriftReport): string[] {
  const b = report.backup;
  const facts = [
    `Backup ${b.name}${b.created ? ` (created ${b.created})` : ''}, format ${b.formatVersion}`,
    `Generated ${report.generatedAt}`,
    `vCenter: ${report.options.vsphereServer ?? 'not given'}`,
  ];
  if (report.options.insecureSkipVerify)
    facts.push('TLS certificate verification was SKIPPED (--insecure-skip-verify)');
  if (report.options.skipAccessApiserver)
    facts.push('Workload API servers were not contacted (--skip-access-apiserver)');
  if (report.options.ignoreHealthyResources) {
    facts.push('Healthy resources are left out (--ignore-healthy-resources); counts include them');
  }
  return facts;
}

/** `ns/name`. */
export function clusterTitle(cluster: Pick<ClusterReport, 'namespace' | 'name'>): string {
  return `${cluster.namespace}/${cluster.name}`;
}
