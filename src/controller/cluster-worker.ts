/** One workload cluster: resolve, deploy, watch managed kinds, evaluate on every change, track reachability. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { type KubeObject, keyOf, keyString } from '../model/resource-key.js';
import { desiredSet } from '../profiles/desired.js';
import { pruneCandidates } from '../profiles/prune.js';
import type { ClusterRecord, ClusterState, CorrectionRecord } from '../profiles/state.js';
import { recordKey } from '../profiles/state.js';
import type { Profile } from '../profiles/types.js';
import { MANAGED_BY, OWNERSHIP_LABELS } from '../profiles/types.js';
import { Informer } from './informer.js';
import type { ClusterClient, DriftMetricsSink, DriftNotifier, StateStore } from './ports.js';
import { pruneObjects } from './prune.js';
import { Reconciler, type Target } from './reconciler.js';
import { RecordBook } from './record-book.js';
import { resolveTargets } from './targets.js';

/** Everything a worker needs. */
export interface WorkerOptions {
  cluster: string;
  profiles: Profile[];
  client: ClusterClient;
  store: StateStore;
  notifier: DriftNotifier;
  metrics: DriftMetricsSink;
  logger: Logger;
  now?: () => number;
  /** false: one pass with GETs and no watches (`--once`, `drift correct`). */
  watch?: boolean;
  /** true: evaluate and record only; never deploy or correct on its own. */
  passive?: boolean;
  flushMs?: number;
}

const WATCHED = new Set(['ContinuousWithDriftDetection', 'DryRun']);
const SELECTOR = `${OWNERSHIP_LABELS.managedBy}=${MANAGED_BY}`;

/** Keeps one cluster true to the profiles that target it. */
export class ClusterWorker {
  private book?: RecordBook;
  private reconciler?: Reconciler;
  private targets = new Map<string, Target>();
  private readonly informers = new Map<string, Informer>();
  private readonly queue = new Set<string>();
  private readonly running = new Map<string, boolean>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private initialDone = false;
  private resolveReady!: () => void;
  /** Resolves once the first full pass ran (or the cluster proved unreachable). */
  readonly ready = new Promise<void>((r) => (this.resolveReady = r));
  private readonly now: () => number;

  constructor(private readonly options: WorkerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts in the background; never throws (failures become Unreachable and are retried). */
  async start(): Promise<void> {
    const { cluster, store, logger, flushMs } = this.options;
    this.book = await RecordBook.open(cluster, store, logger, flushMs).catch((err) => {
      logger.warn({ cluster, err: describeError(err) }, 'cannot load drift state; starting empty');
      const fresh: StateStore = {
        location: store.location,
        load: async () => undefined,
        save: (s) => store.save(s),
        list: () => store.list(),
        remove: (c) => store.remove(c),
      };
      return RecordBook.open(cluster, fresh, logger, flushMs);
    });
    this.reconciler = new Reconciler({
      ...this.options,
      book: this.book,
      now: this.now,
      wake: (key, at) => this.wake(key, at),
    });
    await this.boot(0);
  }

  /** Stops watches and timers and writes the state. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const i of this.informers.values()) i.stop();
    for (const t of this.timers) clearTimeout(t);
    this.resolveReady();
    await this.book?.close();
    this.options.client.close();
  }

  /** Corrects drifted (or deleted) objects now; `match` picks which. */
  async correctNow(
    match: (t: Target) => boolean,
  ): Promise<{ target: Target; correction?: CorrectionRecord; skipped?: string }[]> {
    const picked = [...this.targets.values()].filter(match);
    return mapLimit(picked, 8, async (t) => {
      const record = this.book!.records().find(
        (r) => r.key === t.desired.key && r.profile === t.desired.profile.name,
      );
      if (record?.status === 'InSync') return { target: t, skipped: 'in sync' };
      if (record?.status === 'Ignored') return { target: t, skipped: record.message ?? 'ignored' };
      return { target: t, correction: await this.reconciler!.correct(t, 'manual') };
    });
  }

  /** Lets the controller update the cluster's own record (observation time, watch heartbeat). */
  updateCluster(patch: (cluster: ClusterRecord) => Partial<ClusterRecord>): void {
    if (!this.book || this.stopped) return;
    const fields = patch(this.book.cluster);
    if (Object.keys(fields).length > 0) this.book.setCluster(fields);
  }

  /** A copy of this cluster's state. */
  snapshot(): ClusterState | undefined {
    return this.book?.snapshot();
  }

  private async boot(attempt: number): Promise<void> {
    if (this.stopped) return;
    const { client, profiles } = this.options;
    const set = desiredSet(profiles);
    try {
      const { targets, unserved } = await resolveTargets(client, set);
      this.targets = targets;
      const notes = [
        ...set.conflicts.map((c) => c.reason),
        ...set.skipped.map((s) => s.reason),
        ...unserved.map((u) => `${u.key}: ${u.reason}`),
      ];
      this.book!.setCluster({ profiles: profiles.map((p) => p.name), notes });
      const kept = this.options.passive
        ? []
        : await pruneObjects(this.options, pruneCandidates(this.book!.records(), profiles, set));
      this.book!.retain(
        new Set([
          ...[...targets.values()].map((t) => recordKey(t.desired.profile.name, t.desired.key)),
          ...kept.map((r) => recordKey(r.profile, r.key)),
        ]),
      );
    } catch (err) {
      this.unreachable(err as Error);
      this.resolveReady();
      this.later(() => this.boot(attempt + 1), Math.min(500 * 2 ** attempt, 10_000));
      return;
    }
    // Without watches nothing else would notice that a cluster stored as unreachable answers again.
    if (this.options.watch === false) {
      this.reachable();
      return this.initialPass();
    }
    this.startInformers();
  }

  private startInformers(): void {
    const refs = new Map<string, ResourceRef>();
    for (const t of this.targets.values())
      if (WATCHED.has(t.desired.profile.syncMode)) refs.set(refKey(t.ref), t.ref);
    if (refs.size === 0) {
      void this.initialPass();
      return;
    }
    const synced = new Set<string>();
    for (const [id, ref] of refs) {
      const informer = new Informer(
        this.options.client,
        ref,
        {
          upsert: (o) => this.enqueue(keyString(keyOf(o))),
          remove: (o) => this.enqueue(keyString(keyOf(o))),
          synced: () => {
            synced.add(id);
            this.reachable();
            if (synced.size === refs.size && !this.initialDone) void this.initialPass();
          },
          failed: (err) => this.unreachable(err),
          restarted: (reason) =>
            this.options.metrics.watchRestarted(this.options.cluster, ref.resource, reason),
        },
        { labelSelector: SELECTOR, logger: this.options.logger },
      );
      this.informers.set(id, informer);
      informer.start();
    }
  }

  private async initialPass(): Promise<void> {
    await mapLimit([...this.targets.values()], 16, (t) => this.first(t));
    this.initialDone = true;
    this.gauges();
    this.resolveReady();
  }

  // Deploy when new or when the profile changed; otherwise evaluate (drift while we were away counts).
  private async first(t: Target): Promise<void> {
    const r = this.reconciler!;
    const record = this.book!.records().find(
      (x) => x.key === t.desired.key && x.profile === t.desired.profile.name,
    );
    const mode = t.desired.profile.syncMode;
    const changed = record?.appliedHash !== t.desired.hash;
    const deploy =
      !this.options.passive && mode !== 'DryRun' && (mode === 'OneTime' ? !record?.appliedHash : changed);
    if (deploy) {
      const live = await r.deploy(t);
      if (live && WATCHED.has(mode)) await r.evaluate(t, live);
      return;
    }
    if (WATCHED.has(mode) || this.options.passive) await this.evaluateKey(t.desired.key);
  }

  private enqueue(key: string): void {
    if (!this.initialDone || !this.targets.has(key) || this.stopped) return;
    const wasEmpty = this.queue.size === 0;
    this.queue.add(key);
    if (wasEmpty) setImmediate(() => this.drain());
  }

  private drain(): void {
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      if (this.running.has(key)) this.running.set(key, true);
      else void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    this.running.set(key, false);
    try {
      await this.evaluateKey(key);
    } catch (err) {
      this.options.logger.warn(
        { cluster: this.options.cluster, key, err: describeError(err) },
        'evaluation failed',
      );
    }
    const again = this.running.get(key);
    this.running.delete(key);
    if (again) this.enqueue(key);
    this.gauges();
  }

  private async evaluateKey(key: string): Promise<void> {
    const t = this.targets.get(key);
    if (!t || this.stopped) return;
    const live = await this.live(t);
    if (live === 'unknown') return;
    await this.reconciler!.evaluate(t, live);
  }

  // The informer's copy; when it has none, confirm with a GET (a removed label also hides an object).
  private async live(t: Target): Promise<KubeObject | undefined | 'unknown'> {
    const cached = this.informers.get(refKey(t.ref))?.get(t.desired.key);
    if (cached) return cached;
    const { namespace = '', name } = t.desired.object.metadata;
    try {
      return await this.options.client.get(t.ref, namespace, name);
    } catch (err) {
      this.unreachable(err as Error);
      return 'unknown';
    }
  }

  private wake(key: string, at: number): void {
    this.later(async () => this.enqueue(key), Math.max(0, at - this.now()));
  }

  private later(fn: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void fn();
    }, ms);
    this.timers.add(timer);
  }

  private unreachable(err: Error): void {
    const { cluster, metrics } = this.options;
    metrics.apiError(cluster, (err as { code?: string }).code ?? 'unknown');
    if (this.book?.cluster.reachable) {
      this.options.logger.warn({ cluster, err: describeError(err) }, 'cluster unreachable');
      this.book.setCluster({
        reachable: false,
        since: new Date(this.now()).toISOString(),
        lastError: describeError(err),
      });
      metrics.clusterReachable(cluster, false);
    }
  }

  private reachable(): void {
    if (!this.book || this.book.cluster.reachable) return;
    this.book.setCluster({
      reachable: true,
      since: new Date(this.now()).toISOString(),
      lastError: undefined,
    });
    this.options.metrics.clusterReachable(this.options.cluster, true);
    for (const key of this.targets.keys()) this.enqueue(key);
  }

  private gauges(): void {
    if (this.book) this.options.metrics.profileGauges(this.options.cluster, this.book.gauges());
  }
}

function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}
