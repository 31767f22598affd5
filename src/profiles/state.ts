/** Persistent drift state: per cluster, profile and object — since when, how often, last diff, last correction (pure). */
import { DriftlineError } from '../common/errors.js';
import { issueLines } from '../common/zod-issues.js';
import type { FieldChange } from '../diff/index.js';
import type { Attribution } from './attribution.js';
import type { DriftKind } from './drift.js';
import { emptyGuard, type GuardState } from './guard.js';
import { clusterStateSchema } from './state-schema.js';
import type { ObjectStatus } from './status.js';

/** The last correction of an object. */
export interface CorrectionRecord {
  at: string;
  by: 'auto' | 'manual';
  result: 'corrected' | 'failed' | 'still-drifted';
  message?: string;
}

/** Everything remembered about one managed object on one cluster. */
export interface ObjectRecord {
  cluster: string;
  profile: string;
  /** keyString of the object. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: ObjectStatus;
  /** When the current drift started (absent when in sync). */
  since?: string;
  /** How many times the object drifted (each InSync → Drifted transition). */
  driftCount: number;
  drift?: DriftKind;
  /** The last drift diff, Secret values redacted. */
  lastDiff?: FieldChange[];
  lastDetectedAt?: string;
  attribution?: Attribution[];
  lastCorrection?: CorrectionRecord;
  guard: GuardState;
  /** Hash of the desired object last applied; a different hash means the profile changed. */
  appliedHash?: string;
  message?: string;
  updatedAt: string;
}

/** Reachability of one cluster. */
export interface ClusterRecord {
  id: string;
  reachable: boolean;
  since: string;
  lastError?: string;
  profiles: string[];
  /** Tier conflicts and skipped objects, in words. */
  notes?: string[];
  /** When a drift controller last saw the cluster answer: a finished pass, or a heartbeat while watching. */
  observedAt?: string;
  /** Present while a `drift run` watches the cluster: it saves a heartbeat every `intervalSeconds`. */
  watch?: WatchHeartbeat;
}

/** The heartbeat a watching `drift run` saves into each cluster's shard. */
export interface WatchHeartbeat {
  at: string;
  intervalSeconds: number;
}

/** The state of one cluster (one shard in storage). */
export interface ClusterState {
  version: 1;
  cluster: ClusterRecord;
  objects: Record<string, ObjectRecord>;
}

/** The storage key of an object record within its cluster shard. */
export function recordKey(profile: string, key: string): string {
  return `${profile}|${key}`;
}

/** A new record for an object seen for the first time. */
export function newRecord(
  fields: Pick<ObjectRecord, 'cluster' | 'profile' | 'key' | 'apiVersion' | 'kind' | 'namespace' | 'name'>,
  now: string,
): ObjectRecord {
  return { ...fields, status: 'Pending', driftCount: 0, guard: emptyGuard(), updatedAt: now };
}

/** What changed when a finding was recorded, for notifications and metrics. */
export type Transition = 'drifted' | 'drift-changed' | 'still-drifted' | 'resolved' | 'unchanged';

/** Records a drift finding; the transition tells whether this is news. */
export function recordDrift(
  record: ObjectRecord,
  finding: { kind: DriftKind; changes: FieldChange[]; attribution: Attribution[] },
  now: string,
): { record: ObjectRecord; transition: Transition } {
  const wasDrifted = record.status === 'Drifted' || record.status === 'Contested';
  if (finding.kind === 'in-sync') {
    const next: ObjectRecord = {
      ...record,
      status: 'InSync',
      since: undefined,
      drift: undefined,
      message: undefined,
      updatedAt: now,
    };
    return { record: next, transition: wasDrifted ? 'resolved' : 'unchanged' };
  }
  const sameDiff = wasDrifted && JSON.stringify(record.lastDiff) === JSON.stringify(finding.changes);
  const next: ObjectRecord = {
    ...record,
    status: record.status === 'Contested' ? 'Contested' : 'Drifted',
    since: wasDrifted ? record.since : now,
    driftCount: wasDrifted ? record.driftCount : record.driftCount + 1,
    drift: finding.kind,
    lastDiff: finding.changes,
    lastDetectedAt: sameDiff ? record.lastDetectedAt : now,
    attribution: finding.attribution,
    updatedAt: now,
  };
  return { record: next, transition: !wasDrifted ? 'drifted' : sameDiff ? 'still-drifted' : 'drift-changed' };
}

/** Parses a stored shard from `where` (a file or ConfigMap), refusing it whole when it does not fit. */
export function parseClusterState(text: string, where = 'drift state'): ClusterState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DriftlineError('drift.state-invalid', `${where} is not valid json`, { cause: err });
  }
  const parsed = clusterStateSchema.safeParse(value);
  if (!parsed.success) {
    const problems = issueLines(parsed.error, where);
    throw new DriftlineError('drift.state-invalid', problems[0]!, { problems });
  }
  return parsed.data;
}

/** Serialises a shard (stable, readable). */
export function serializeClusterState(state: ClusterState): string {
  return `${JSON.stringify(state, null, 1)}\n`;
}
