/** One workload cluster: resolve, deploy, watch managed kinds, evaluate on every change, track reachability. */
import { backoffDelay } from '../adapters/kube/retry.js';
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { KubeObject } from '../model/resource-key.js';
import { type DesiredObject, desiredSet } from '../profiles/desired.js';
import { pruneCandidates } from '../profiles/prune.js';
import type { ClusterRecord, ClusterState, CorrectionRecord, ObjectRecord } from '../profiles/state.js';
import { recordKey } from '../profiles/state.js';
import type { Profile } from '../profiles/types.js';
import { awaitingDeclaredCrds, Deployer, deployWaves, needsDeploy, RETRY } from './deploys.js';
import type { Informer } from './informer.js';
import { KeyQueue } from './key-queue.js';
import type { ClusterClient, DriftMetricsSink, DriftNotifier, StateStore } from './ports.js';
import { pruneObjects } from './prune.js';
import { Reconciler, type Target } from './reconciler.js';
import { RecordBook, unreadableState } from './record-book.js';
import { refKey, watchTargets } from './target-watch.js';
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

/** Keeps one cluster true to the profiles that target it. */
export class ClusterWorker {
  private book?: RecordBook;
  private reconciler?: Reconciler;
  private targets = new Map<string, Target>();
  private informers = new Map<string, Informer>();
  private readonly queue: KeyQueue;
  private stopped = false;
  private initialDone = false;
  private unreadable?: ClusterState;
  private deployer?: Deployer;
  /** Unserved objects whose CRD the profiles declare, and how often they were looked for. */
  private awaiting: string[] = [];
  private lookups = 0;
  private resolveReady!: () => void;
  /** Resolves once the first full pass ran (or the cluster proved unreachable). */
  readonly ready = new Promise<void>((r) => (this.resolveReady = r));
  private readonly now: () => number;

  constructor(private readonly options: WorkerOptions) {
    this.now = options.now ?? Date.now;
    this.queue = new KeyQueue(
      (key) => this.run(key),
      (key, err) =>
        options.logger.warn({ cluster: options.cluster, key, err: describeError(err) }, 'evaluation failed'),
      () => this.gauges(),
    );
  }

  /** Starts in the background; never throws (failures become Unreachable and are retried). */
  async start(): Promise<void> {
    await this.open(1);
  }

  // A shard that cannot be read is never written over: until it is read there is no record book
  // (nothing to save), nothing is deployed or corrected, and the cluster shows not ready with why.
  private async open(attempt: number): Promise<void> {
    if (this.stopped) return;
    const { cluster, store, logger, flushMs, metrics } = this.options;
    try {
      this.book = await RecordBook.open(cluster, store, logger, flushMs);
    } catch (err) {
      const first = !this.unreadable;
      this.unreadable = unreadableState(this.options, err, this.unreadable?.cluster.since ?? this.iso());
      metrics.apiError(cluster, (err as { code?: string }).code ?? 'unknown');
      metrics.clusterReachable(cluster, false);
      if (first) logger.warn({ cluster, err: describeError(err) }, 'cannot read drift state; waiting');
      this.resolveReady();
      this.later(() => this.open(attempt + 1), backoffDelay(RETRY, attempt));
      return;
    }
    if (this.unreadable) {
      logger.info({ cluster }, 'drift state read');
      metrics.clusterReachable(cluster, this.book.cluster.reachable);
      this.unreadable = undefined;
    }
    this.reconciler = new Reconciler({
      ...this.options,
      book: this.book,
      now: this.now,
      wake: (key, at) => this.wake(key, at),
    });
    this.deployer = new Deployer(this.reconciler, (key, ms) =>
      this.later(async () => {
        this.deployer!.retrying(key);
        this.queue.kick(key);
      }, ms),
    );
    await this.boot(0);
  }

  /** Stops watches and timers and writes the state. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const i of this.informers.values()) i.stop();
    this.queue.stop();
    this.resolveReady();
    await this.book?.close();
    this.options.client.close();
  }

  /** Corrects drifted (or deleted) objects now; `match` picks which. */
  async correctNow(
    match: (t: Pick<Target, 'desired'>) => boolean,
  ): Promise<{ desired: DesiredObject; correction?: CorrectionRecord; skipped?: string }[]> {
    if (!this.book) {
      const skipped = this.unreadable?.cluster.lastError ?? 'not started';
      return [...desiredSet(this.options.profiles).objects.values()]
        .filter((desired) => match({ desired }))
        .map((desired) => ({ desired, skipped }));
    }
    const picked = [...this.targets.values()].filter(match);
    return mapLimit(picked, 8, async (t) => {
      const record = this.recordOf(t);
      const { desired } = t;
      if (record?.status === 'InSync') return { desired, skipped: 'in sync' };
      if (record?.status === 'Ignored') return { desired, skipped: record.message ?? 'ignored' };
      return { desired, correction: await this.reconciler!.correct(t, 'manual') };
    });
  }

  /** Lets the controller update the cluster's own record (observation time, watch heartbeat). */
  updateCluster(patch: (cluster: ClusterRecord) => Partial<ClusterRecord>): void {
    if (!this.book || this.stopped) return;
    const fields = patch(this.book.cluster);
    if (Object.keys(fields).length > 0) this.book.setCluster(fields);
  }

  /** A copy of this cluster's state (while the stored state cannot be read: why, and no objects). */
  snapshot(): ClusterState | undefined {
    return this.book?.snapshot() ?? structuredClone(this.unreadable);
  }

  private async boot(attempt: number): Promise<void> {
    if (this.stopped) return;
    const { client, profiles } = this.options;
    const set = desiredSet(profiles);
    try {
      const { targets, unserved } = await resolveTargets(client, set);
      this.targets = targets;
      this.awaiting = awaitingDeclaredCrds(unserved, set.objects);
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
    const watched = [...this.targets.values()].filter((t) => WATCHED.has(t.desired.profile.syncMode));
    this.informers = watchTargets(this.options, watched, {
      changed: (key) => this.enqueue(key),
      synced: (all) => {
        this.reachable();
        if (all && !this.initialDone) void this.initialPass();
      },
      failed: (err) => this.unreachable(err),
    });
    if (this.informers.size === 0) void this.initialPass();
  }

  // Wave by wave (Namespaces and CRDs first), so an object never races the namespace it lives in.
  private async initialPass(): Promise<void> {
    for (const wave of deployWaves(this.targets.values())) await mapLimit(wave, 16, (t) => this.sync(t));
    this.initialDone = true;
    this.gauges();
    this.resolveReady();
    if (this.awaiting.length > 0) this.lookAgainLater();
  }

  // Deploy when new, changed or failed before; otherwise evaluate (drift while we were away counts).
  private async sync(t: Target): Promise<void> {
    const { syncMode } = t.desired.profile;
    if (needsDeploy(t, this.recordOf(t), this.options.passive)) {
      const live = await this.deployer!.deploy(t);
      if (live && WATCHED.has(syncMode)) await this.reconciler!.evaluate(t, live);
      return;
    }
    if (WATCHED.has(syncMode) || this.options.passive) await this.evaluate(t);
  }

  // Kinds a declared CRD defines become servable once it is established: resolve again and redo
  // the first pass (deployed objects are only evaluated), with backoff while they are still missing.
  private lookAgainLater(): void {
    this.later(
      async () => {
        for (const i of this.informers.values()) i.stop();
        this.initialDone = false;
        await this.boot(0);
      },
      backoffDelay(RETRY, ++this.lookups),
    );
  }

  private recordOf(t: Target): ObjectRecord | undefined {
    const { key, profile } = t.desired;
    return this.book!.records().find((r) => r.key === key && r.profile === profile.name);
  }

  private enqueue(key: string): void {
    if (this.initialDone && this.targets.has(key) && !this.stopped) this.queue.enqueue(key);
  }

  private async run(key: string): Promise<void> {
    const t = this.targets.get(key);
    if (t && !this.stopped) await this.sync(t);
  }

  private async evaluate(t: Target): Promise<void> {
    if (this.stopped) return;
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
    this.queue.later(fn, ms);
  }

  private unreachable(err: Error): void {
    const { cluster, metrics } = this.options;
    metrics.apiError(cluster, (err as { code?: string }).code ?? 'unknown');
    if (this.book?.cluster.reachable) {
      this.options.logger.warn({ cluster, err: describeError(err) }, 'cluster unreachable');
      this.book.setCluster({
        reachable: false,
        since: this.iso(),
        lastError: describeError(err),
      });
      metrics.clusterReachable(cluster, false);
    }
  }

  private reachable(): void {
    if (!this.book || this.book.cluster.reachable) return;
    this.book.setCluster({
      reachable: true,
      since: this.iso(),
      lastError: undefined,
    });
    this.options.metrics.clusterReachable(this.options.cluster, true);
    for (const key of this.targets.keys()) this.enqueue(key);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private gauges(): void {
    if (this.book) this.options.metrics.profileGauges(this.options.cluster, this.book.gauges());
  }
}
