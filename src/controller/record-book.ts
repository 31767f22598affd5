/** The in-memory drift state of one cluster, flushed to the state store shortly after each change. */

import { KubeError } from '../adapters/kube/index.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { DesiredObject } from '../profiles/desired.js';
import {
  type ClusterRecord,
  type ClusterState,
  newRecord,
  type ObjectRecord,
  recordKey,
} from '../profiles/state.js';
import { type ProfileGauge, StateConflictError, type StateStore } from './ports.js';

const MAX_STORED_CHANGES = 50;

/**
 * What a cluster shows while its stored state cannot be read: not reachable (nothing is deployed,
 * corrected or saved for it), with the reason, and no object records. Never saved.
 */
export function unreadableState(
  worker: { cluster: string; profiles: readonly { name: string }[] },
  err: unknown,
  since: string,
): ClusterState {
  return {
    version: 1,
    cluster: {
      id: worker.cluster,
      reachable: false,
      since,
      lastError: `cannot read drift state: ${describeError(err)}`,
      profiles: worker.profiles.map((p) => p.name),
    },
    objects: {},
  };
}

/** Records of one cluster with debounced persistence. */
export class RecordBook {
  private timer?: NodeJS.Timeout;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private state: ClusterState,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly flushMs = 500,
  ) {}

  /** Starts from the stored shard, or an empty one. */
  static async open(
    cluster: string,
    store: StateStore,
    logger: Logger,
    flushMs?: number,
  ): Promise<RecordBook> {
    const stored = await store.load(cluster);
    const now = new Date().toISOString();
    const state: ClusterState = stored ?? {
      version: 1,
      cluster: { id: cluster, reachable: true, since: now, profiles: [] },
      objects: {},
    };
    return new RecordBook(state, store, logger, flushMs);
  }

  /** The record of a desired object, created when first seen. */
  ensure(desired: DesiredObject, cluster: string): ObjectRecord {
    const k = recordKey(desired.profile.name, desired.key);
    const existing = this.state.objects[k];
    if (existing) return existing;
    const { apiVersion, kind, metadata } = desired.object;
    return newRecord(
      {
        cluster,
        profile: desired.profile.name,
        key: desired.key,
        apiVersion,
        kind,
        namespace: metadata.namespace ?? '',
        name: metadata.name,
      },
      new Date().toISOString(),
    );
  }

  /** Stores a record (Secret-safe: diffs are redacted upstream; long diffs are cut). */
  set(record: ObjectRecord): void {
    const trimmed =
      record.lastDiff && record.lastDiff.length > MAX_STORED_CHANGES
        ? { ...record, lastDiff: record.lastDiff.slice(0, MAX_STORED_CHANGES) }
        : record;
    this.state.objects[recordKey(record.profile, record.key)] = trimmed;
    this.dirty();
  }

  /** Updates the cluster's own record. */
  setCluster(patch: Partial<ClusterRecord>): void {
    this.state.cluster = { ...this.state.cluster, ...patch };
    this.dirty();
  }

  /** The cluster's own record. */
  get cluster(): ClusterRecord {
    return this.state.cluster;
  }

  /** Drops records of objects no longer desired here. */
  retain(keys: Set<string>): void {
    for (const k of Object.keys(this.state.objects)) if (!keys.has(k)) delete this.state.objects[k];
    this.dirty();
  }

  /** All records. */
  records(): ObjectRecord[] {
    return Object.values(this.state.objects);
  }

  /** A copy of the whole shard. */
  snapshot(): ClusterState {
    return structuredClone(this.state);
  }

  /** Gauges per profile for metrics. */
  gauges(): ProfileGauge[] {
    const by = new Map<string, ProfileGauge>();
    for (const p of this.state.cluster.profiles)
      by.set(p, { cluster: this.state.cluster.id, profile: p, managed: 0, drifted: 0 });
    for (const r of this.records()) {
      const g = by.get(r.profile) ?? { cluster: r.cluster, profile: r.profile, managed: 0, drifted: 0 };
      g.managed++;
      if (r.status === 'Drifted' || r.status === 'Contested') {
        g.drifted++;
        const since = r.since ? Date.parse(r.since) : undefined;
        if (since !== undefined && (g.oldestDriftSince === undefined || since < g.oldestDriftSince))
          g.oldestDriftSince = since;
      }
      by.set(r.profile, g);
    }
    return [...by.values()];
  }

  /** Writes pending changes now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.write());
    await this.writing;
  }

  /** Writes pending changes and stops scheduling writes. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.timer);
  }

  private dirty(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushMs);
  }

  // Another process (`drift correct`) may have recorded a newer correction: keep it. The save is
  // conditional on what was loaded, so a write in between is merged on the next attempt, not lost.
  private async write(): Promise<void> {
    try {
      for (let attempt = 1; ; attempt++) {
        const stored = await this.store.load(this.state.cluster.id).catch(() => undefined);
        for (const [k, theirs] of Object.entries(stored?.objects ?? {})) {
          const mine = this.state.objects[k];
          if (mine && theirs.lastCorrection && theirs.lastCorrection.at > (mine.lastCorrection?.at ?? ''))
            mine.lastCorrection = theirs.lastCorrection;
        }
        try {
          await this.store.save(this.snapshot());
          return;
        } catch (err) {
          const conflict =
            (err instanceof KubeError && err.code === 'kube.conflict') || err instanceof StateConflictError;
          if (!conflict || attempt >= 5) throw err;
        }
      }
    } catch (err) {
      this.logger.warn(
        { cluster: this.state.cluster.id, err: describeError(err) },
        'cannot save drift state; will retry',
      );
      this.dirty();
    }
  }
}
