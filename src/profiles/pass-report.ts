/** What one `drift run --once` pass found and did about it, read back from the state it left (pure). */
import type { FieldChange } from '../diff/index.js';
import type { Attribution } from './attribution.js';
import type { DriftKind } from './drift.js';
import type { ClusterState, CorrectionRecord, ObjectRecord } from './state.js';
import type { Profile } from './types.js';

/**
 * What the pass did about a drift: the result of its correction (`corrected`, `failed`,
 * `still-drifted`), or why it left the drift in place (`manual`: the profile corrects only on
 * request; `dry-run`: the profile only reports; `contested`: the flip-flop guard holds it).
 */
export type PassAction = CorrectionRecord['result'] | 'manual' | 'dry-run' | 'contested';

/** One drift the pass found (new, or still there from before) and what it did. */
export interface PassDrift {
  cluster: string;
  profile: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** `modified` or `missing` (deleted). */
  drift?: DriftKind;
  /** When the drift started. */
  since?: string;
  /** The drifted fields, Secret values redacted. */
  diff: FieldChange[];
  attribution: Attribution[];
  action: PassAction;
  /** The correction this pass made, when it made one. */
  correction?: CorrectionRecord;
  message?: string;
}

/**
 * The drifts of a pass that started at `startedAt` (ISO time): every object it corrected (or
 * tried to) since then, and every object still drifted. Corrected objects are InSync again, so
 * the fleet table alone would hide that anything happened.
 */
export function passDrifts(
  states: readonly ClusterState[],
  startedAt: string,
  profiles: readonly Pick<Profile, 'name' | 'syncMode'>[],
): PassDrift[] {
  const dryRun = new Set(profiles.filter((p) => p.syncMode === 'DryRun').map((p) => p.name));
  const out: PassDrift[] = [];
  for (const state of states) {
    for (const record of Object.values(state.objects)) {
      const action = actionOf(record, startedAt, dryRun);
      if (action) out.push(entry(record, action, startedAt));
    }
  }
  return out.sort((a, b) => place(a).localeCompare(place(b)));
}

function actionOf(record: ObjectRecord, startedAt: string, dryRun: Set<string>): PassAction | undefined {
  if (record.lastCorrection && record.lastCorrection.at >= startedAt) return record.lastCorrection.result;
  if (record.status === 'Contested') return 'contested';
  if (record.status === 'Drifted') return dryRun.has(record.profile) ? 'dry-run' : 'manual';
  return undefined;
}

function entry(record: ObjectRecord, action: PassAction, startedAt: string): PassDrift {
  const { cluster, profile, apiVersion, kind, namespace, name, drift, since, message } = record;
  const correction =
    record.lastCorrection && record.lastCorrection.at >= startedAt ? record.lastCorrection : undefined;
  return {
    cluster,
    profile,
    apiVersion,
    kind,
    namespace,
    name,
    ...(drift && { drift }),
    ...(since && { since }),
    diff: record.lastDiff ?? [],
    attribution: record.attribution ?? [],
    action,
    ...(correction && { correction }),
    ...(message && { message }),
  };
}

function place(d: PassDrift): string {
  return `${d.cluster}|${d.profile}|${d.kind}|${d.namespace}|${d.name}`;
}
