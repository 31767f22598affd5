/** The fleet table of `drift status`: cluster × profile roll-ups and per-object detail, from stored state (pure). */
import type { ClusterRecord, ClusterState, ObjectRecord } from './state.js';
import { type FleetStatus, rollUp } from './status.js';

/** One cluster × profile row. */
export interface FleetRow {
  cluster: string;
  profile: string;
  status: FleetStatus;
  objects: number;
  drifted: number;
  contested: number;
  /** Age in seconds of the oldest ongoing drift. */
  oldestDriftSeconds?: number;
  lastError?: string;
  /** When a drift controller last saw the cluster answer (absent: never recorded). */
  observedAt?: string;
  /** True while a running `drift run` keeps saving its heartbeat for the cluster. */
  watched: boolean;
}

/** A heartbeat older than this many of its intervals means nothing is watching any more. */
export const MISSED_HEARTBEATS = 3;

/** True when a watching `drift run` saved the cluster's heartbeat recently enough. */
export function isWatched(cluster: ClusterRecord, now: number): boolean {
  if (!cluster.watch) return false;
  const age = now - Date.parse(cluster.watch.at);
  return age <= MISSED_HEARTBEATS * cluster.watch.intervalSeconds * 1000;
}

/** The whole answer of `drift status`. */
export interface FleetSummary {
  rows: FleetRow[];
  /** Objects not in sync (Drifted, Contested, Pending, Ignored), with their diff. */
  objects: ObjectRecord[];
  notes: { cluster: string; note: string }[];
}

/** Rolls stored shards up into rows, optionally filtered by cluster (`wc1` or `ns/wc1`) and profile. */
export function summarize(
  states: readonly ClusterState[],
  now: number,
  filter: { cluster?: string; profile?: string } = {},
): FleetSummary {
  const rows: FleetRow[] = [];
  const objects: ObjectRecord[] = [];
  const notes: FleetSummary['notes'] = [];
  for (const state of states) {
    const id = state.cluster.id;
    if (filter.cluster && id !== filter.cluster && id.slice(id.indexOf('/') + 1) !== filter.cluster) continue;
    const records = Object.values(state.objects).filter(
      (r) => !filter.profile || r.profile === filter.profile,
    );
    const profiles = new Set([...state.cluster.profiles, ...records.map((r) => r.profile)]);
    // A cluster unreachable before its profiles were ever recorded still gets a row: hiding it
    // would report a fleet as fine when one cluster could not be checked at all.
    if (profiles.size === 0) profiles.add(NO_PROFILE);
    for (const profile of [...profiles].sort()) {
      if (filter.profile && profile !== filter.profile && profile !== NO_PROFILE) continue;
      rows.push(
        row(
          state,
          profile,
          records.filter((r) => r.profile === profile),
          now,
        ),
      );
    }
    objects.push(...records.filter((r) => r.status !== 'InSync'));
    for (const note of state.cluster.notes ?? []) notes.push({ cluster: id, note });
  }
  return { rows, objects: objects.sort(byPlace), notes };
}

/** The profile column of a cluster whose profiles are not known yet. */
export const NO_PROFILE = '-';

function row(state: ClusterState, profile: string, records: ObjectRecord[], now: number): FleetRow {
  const drifting = records.filter((r) => r.status === 'Drifted' || r.status === 'Contested');
  const since = drifting.map((r) => (r.since ? Date.parse(r.since) : now)).sort((a, b) => a - b)[0];
  return {
    cluster: state.cluster.id,
    profile,
    status: state.cluster.reachable ? rollUp(records.map((r) => r.status)) : 'Unreachable',
    objects: records.length,
    drifted: drifting.length,
    contested: records.filter((r) => r.status === 'Contested').length,
    ...(since !== undefined && { oldestDriftSeconds: Math.max(0, Math.round((now - since) / 1000)) }),
    ...(!state.cluster.reachable && state.cluster.lastError && { lastError: state.cluster.lastError }),
    ...(state.cluster.observedAt && { observedAt: state.cluster.observedAt }),
    watched: isWatched(state.cluster, now),
  };
}

function byPlace(a: ObjectRecord, b: ObjectRecord): number {
  return `${a.cluster}|${a.profile}|${a.key}`.localeCompare(`${b.cluster}|${b.profile}|${b.key}`);
}

/** `90` → `1m30s`, `7200` → `2h0m`. */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600)}h`;
}
