/** What the drift controller needs from the outside: clients, state storage, notifications, metrics. */
import type { ApiResource } from '../adapters/kube/discovery.js';
import type { Applier, Deleter, Getter, Lister, Watcher } from '../adapters/kube/interfaces.js';
import type { DriftEvent } from '../profiles/events.js';
import type { ClusterState } from '../profiles/state.js';

/** A client for one workload cluster. */
export interface ClusterClient extends Lister, Watcher, Applier, Getter, Deleter {
  resolve(query: { group?: string; version?: string; kind?: string }): Promise<ApiResource>;
  close(): void;
}

/** Where drift state lives between runs (a management-cluster ConfigMap or a local directory). */
export interface StateStore {
  /** Describes the location, e.g. `ConfigMaps in driftline-system` or a directory. */
  readonly location: string;
  load(cluster: string): Promise<ClusterState | undefined>;
  /** Saves; fails with `StateConflictError` (or `kube.conflict`) when another writer saved since `load`. */
  save(state: ClusterState): Promise<void>;
  list(): Promise<ClusterState[]>;
  /** Forgets a cluster that left the fleet. */
  remove(cluster: string): Promise<void>;
}

/** Receives notification-worthy events; must return at once (delivery happens in the background). */
export interface DriftNotifier {
  notify(event: DriftEvent): void;
}

/** A snapshot of one cluster × profile for gauges. */
export interface ProfileGauge {
  cluster: string;
  profile: string;
  managed: number;
  drifted: number;
  /** Epoch ms of the oldest ongoing drift. */
  oldestDriftSince?: number;
}

/** Receives measurements; the Prometheus adapter implements it. */
export interface DriftMetricsSink {
  driftDetected(cluster: string, profile: string, kind: string, latencySeconds?: number): void;
  corrected(cluster: string, profile: string, kind: string, result: string): void;
  watchRestarted(cluster: string, kind: string, reason: string): void;
  apiError(cluster: string, code: string): void;
  clusterReachable(cluster: string, reachable: boolean): void;
  profileGauges(cluster: string, gauges: ProfileGauge[]): void;
  clusterRemoved(cluster: string): void;
}

/** A metrics sink that records nothing. */
export const NO_METRICS: DriftMetricsSink = {
  driftDetected: () => undefined,
  corrected: () => undefined,
  watchRestarted: () => undefined,
  apiError: () => undefined,
  clusterReachable: () => undefined,
  profileGauges: () => undefined,
  clusterRemoved: () => undefined,
};

/** A notifier that drops everything. */
export const NO_NOTIFIER: DriftNotifier = { notify: () => undefined };

/** Another process saved the same cluster's state after this one loaded it: load, merge, retry. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
}
