/** Which remediation steps `driftline remediate` may carry out, read from a detect report (pure). */
import type { RecoveryDriftReport, RemediationStep } from '../recovery/index.js';

/** One step with the finding it belongs to. */
export interface PlannedStep {
  /** e.g. `fleet/wc2 ghost Node wc2-md-0-x` or `fleet/wc1 Machine wc1-md-0-y (Stale)`. */
  finding: string;
  step: RemediationStep;
}

/** Steps that change something; anything else is only shown. */
export const DESTRUCTIVE = new Set(['drain', 'delete-node', 'delete-machine', 'power-off-vm', 'destroy-vm']);

/**
 * Every step of every finding in report order. Healthy machines carry no steps and are skipped
 * outright, so nothing Healthy can ever be acted on.
 */
export function planFromReport(report: RecoveryDriftReport): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (const c of report.clusters) {
    const id = `${c.namespace}/${c.name}`;
    for (const step of c.remediation ?? []) planned.push({ finding: `${id} cluster (${c.status})`, step });
    const machines = [...c.controlPlane.machines, ...c.workers.pools.flatMap((p) => p.machines)];
    for (const m of machines) {
      if (m.status === 'Healthy') continue;
      for (const step of m.remediation)
        planned.push({ finding: `${id} Machine ${m.name} (${m.status})`, step });
    }
    for (const g of c.ghosts) {
      for (const step of g.remediation) planned.push({ finding: `${id} ghost ${g.kind} ${g.name}`, step });
    }
  }
  return planned;
}
