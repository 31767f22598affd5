/** Outcomes → Velero's restore files: results (errors/warnings), the resource list with actions, counts (pure). */
import {
  type BackupResults,
  type ResourceList,
  type ResultScope,
  ResultsBuilder,
  resourceListKey,
} from '../format/index.js';
import { describeKey } from '../model/resource-key.js';
import type { ItemAction, ItemOutcome, RestorePlan } from './types.js';

/** How many objects ended which way. */
export interface RestoreCounts {
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** Outcomes carried over from an interrupted run. */
  resumed: number;
  /** Objects that exist in the target and differ from the backup. */
  differing: number;
}

/** Counts outcomes. */
export function countOutcomes(outcomes: readonly ItemOutcome[]): RestoreCounts {
  const counts: RestoreCounts = {
    total: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    resumed: 0,
    differing: 0,
  };
  for (const o of outcomes) {
    counts.total++;
    counts[o.action]++;
    if (o.resumed) counts.resumed++;
    if (o.changes?.length) counts.differing++;
  }
  return counts;
}

/** Velero's results: failures are errors; objects that exist and differ, and item warnings, are warnings. */
export function buildResults(outcomes: readonly ItemOutcome[], plan: RestorePlan): BackupResults {
  const results = new ResultsBuilder();
  for (const w of plan.warnings) results.warning('velero', w);
  for (const o of outcomes) {
    const scope: ResultScope = o.key.namespace ? { namespace: o.key.namespace } : 'cluster';
    const what = `${o.key.kind} ${JSON.stringify(o.key.name)}`;
    if (o.action === 'failed') results.error(scope, `error restoring ${what}: ${o.detail}`);
    if (o.changes?.length && o.action === 'skipped') {
      results.warning(
        scope,
        `could not restore, ${what} already exists. Warning: the in-cluster version is different than the backed-up version (${changedPaths(o)})`,
      );
    }
    for (const w of o.warnings ?? []) results.warning(scope, `${what}: ${w}`);
  }
  return results.build();
}

/** Velero's restore resource list: `group/version/Kind` → sorted `ns/name(action)`. */
export function buildResourceList(outcomes: readonly ItemOutcome[]): ResourceList {
  const list = new Map<string, string[]>();
  for (const o of outcomes) {
    const key = resourceListKey(o.key);
    const name = o.key.namespace ? `${o.key.namespace}/${o.key.name}` : o.key.name;
    const names = list.get(key) ?? [];
    names.push(`${name}(${o.action})`);
    list.set(key, names);
  }
  const out: ResourceList = {};
  for (const key of [...list.keys()].sort()) out[key] = (list.get(key) ?? []).sort();
  return out;
}

/** One human line per outcome, for the restore log. */
export function outcomeLine(o: ItemOutcome): string {
  const extra = [o.changes?.length ? `differs in ${changedPaths(o)}` : '', ...(o.warnings ?? [])].filter(
    Boolean,
  );
  return `${actionWord(o.action)} ${describeKey(o.key)}: ${o.detail}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

function changedPaths(o: ItemOutcome): string {
  const paths = (o.changes ?? []).map((c) => c.path || '/');
  const shown = paths.length > 5 ? [...paths.slice(0, 5), `… ${paths.length - 5} more`] : paths;
  return `${paths.length} field${paths.length === 1 ? '' : 's'}: ${shown.join(', ')}`;
}

function actionWord(action: ItemAction): string {
  return { created: 'Created', updated: 'Updated', skipped: 'Skipped', failed: 'Failed' }[action];
}
