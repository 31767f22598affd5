/** What a restore (or its dry run) reports back: plan summary, outcomes, counts, results, unpause. */
import type { BackupResults } from '../format/index.js';
import type { LoadedPlan } from './load.js';
import type { RestorePhase } from './restore-object.js';
import { buildResults, countOutcomes, type RestoreCounts } from './results.js';
import type { ItemOutcome, PlanProblem, SkippedItem } from './types.js';
import type { UnpauseReport } from './unpause.js';

/** One step as reported. */
export interface StepSummary {
  index: number;
  title: string;
  objects: number;
}

/** The result of `restore create` (real or dry run). */
export interface RestoreReport {
  name: string;
  backupName: string;
  targetServer: string;
  dryRun: boolean;
  /** For a dry run: the phase the restore would end in. */
  phase: RestorePhase;
  steps: StepSummary[];
  skipped: SkippedItem[];
  problems: PlanProblem[];
  planWarnings: string[];
  outcomes: ItemOutcome[];
  counts: RestoreCounts;
  results: BackupResults;
  /** True when this run continued an interrupted one. */
  resumed: boolean;
  /** Runs of this restore so far, this one included. */
  runs: number;
  journal?: string;
  /** `namespace/name` of the Clusters this restore paused (not set for a dry run). */
  pausedClusters?: string[];
  unpause?: UnpauseReport;
}

/** Builds the report of a run from its plan and outcomes. */
export function buildReport(
  loaded: LoadedPlan,
  outcomes: ItemOutcome[],
  extra: Pick<
    RestoreReport,
    'name' | 'targetServer' | 'dryRun' | 'resumed' | 'runs' | 'journal' | 'unpause' | 'pausedClusters'
  >,
): RestoreReport {
  const { plan } = loaded;
  const counts = countOutcomes(outcomes);
  const results = buildResults(outcomes, plan);
  if (extra.unpause) {
    for (const c of extra.unpause.clusters.filter((c) => c.result === 'failed' || c.ready === false)) {
      results.errors.namespaces = results.errors.namespaces ?? {};
      const list = results.errors.namespaces[c.namespace] ?? [];
      list.push(`unpausing Cluster "${c.name}": ${c.result === 'failed' ? c.message : c.readiness}`);
      results.errors.namespaces[c.namespace] = list;
    }
  }
  const failed =
    counts.failed > 0 || plan.problems.length > 0 || (extra.unpause !== undefined && !extra.unpause.ok);
  return {
    ...extra,
    backupName: loaded.backup.metadata.name,
    phase: failed ? 'PartiallyFailed' : 'Completed',
    steps: plan.steps.map((s) => ({ index: s.index, title: s.title, objects: s.objects.length })),
    skipped: plan.skipped,
    problems: plan.problems,
    planWarnings: plan.warnings,
    outcomes,
    counts,
    results,
  };
}

/** Number of messages in one Velero result. */
export function messageCount(result: BackupResults['errors']): number {
  const namespaced = Object.values(result.namespaces ?? {}).reduce((n, l) => n + l.length, 0);
  return (result.velero?.length ?? 0) + (result.cluster?.length ?? 0) + namespaced;
}
