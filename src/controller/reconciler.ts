/** Drift decisions for one cluster with their I/O: deploy, evaluate, correct; records, notifications, metrics. */
import { KubeError } from '../adapters/kube/index.js';
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { KubeObject } from '../model/resource-key.js';
import { FIELD_MANAGER } from '../model/vocabulary.js';
import { type Attribution, attributeDrift, restoredBy } from '../profiles/attribution.js';
import type { DesiredObject } from '../profiles/desired.js';
import { evaluateDrift } from '../profiles/drift.js';
import type { DriftEventType } from '../profiles/events.js';
import { excludedPaths, ignoreReason } from '../profiles/exclusions.js';
import { guardDecision, recordCorrection, settleGuard } from '../profiles/guard.js';
import { keepExcluded } from '../profiles/keep-excluded.js';
import { type CorrectionRecord, type ObjectRecord, recordDrift } from '../profiles/state.js';
import type { ClusterClient, DriftMetricsSink, DriftNotifier } from './ports.js';
import type { RecordBook } from './record-book.js';

/** A desired object and the resource it is served as on this cluster. */
export interface Target {
  desired: DesiredObject;
  ref: ResourceRef;
}

/** What a reconciler works with. */
export interface ReconcilerDeps {
  cluster: string;
  client: ClusterClient;
  book: RecordBook;
  notifier: DriftNotifier;
  metrics: DriftMetricsSink;
  logger: Logger;
  now(): number;
  /** Asks for `key` to be evaluated again at `at` (when a contest backoff ends). */
  wake(key: string, at: number): void;
  /** Record findings only; never correct on its own (`drift correct` evaluating other profiles). */
  passive?: boolean;
}

/** Evaluates and corrects the objects of one cluster. */
export class Reconciler {
  private readonly applied = new Map<string, string>();

  constructor(private readonly deps: ReconcilerDeps) {}

  /**
   * Applies the desired object (first deployment or a changed profile) and records its hash. On
   * failure the object is Pending with the reason; `retryInMs` says when the caller tries again.
   */
  async deploy(t: Target, retryInMs?: number): Promise<KubeObject | undefined> {
    const { book, cluster } = this.deps;
    try {
      const live = await this.apply(t);
      book.set({ ...book.ensure(t.desired, cluster), appliedHash: t.desired.hash, updatedAt: this.iso() });
      return live;
    } catch (err) {
      this.apiError(err);
      book.set({
        ...book.ensure(t.desired, cluster),
        status: 'Pending',
        message: `deploy failed: ${describeError(err)}${retryInMs === undefined ? '' : `; retrying in ${Math.ceil(retryInMs / 1000)} s`}`,
        updatedAt: this.iso(),
      });
      return undefined;
    }
  }

  /** Compares `live` (undefined: deleted) with the desired object and acts on the profile's policy. */
  async evaluate(t: Target, live: KubeObject | undefined): Promise<void> {
    const { desired } = t;
    if (live && this.isStale(desired.key, live)) return;
    const { book, cluster } = this.deps;
    const record = book.ensure(desired, cluster);
    const ignored = ignoreReason(live);
    if (ignored) {
      book.set({ ...record, status: 'Ignored', since: undefined, message: ignored, updatedAt: this.iso() });
      return;
    }
    const finding = evaluateDrift(
      desired.object,
      live,
      excludedPaths(desired.profile.exclusions, desired.object),
    );
    const attribution =
      finding.kind === 'modified' ? attributeDrift(desired.object, live, finding.changes) : [];
    const { record: next, transition } = recordDrift(record, { ...finding, attribution }, this.iso());
    if (finding.kind === 'in-sync') return this.inSync(t, live!, record, next, transition === 'resolved');
    if (transition === 'drifted' || transition === 'drift-changed') {
      this.deps.metrics.driftDetected(
        cluster,
        desired.profile.name,
        desired.object.kind,
        latency(attribution, this.deps.now()),
      );
      this.emit('drift', next, t, finding.kind === 'missing' ? 'deleted' : 'drifted');
    }
    await this.act(t, next);
  }

  /** Re-applies the desired object, forcing ownership of the drifted fields, then verifies. */
  async correct(t: Target, by: 'auto' | 'manual'): Promise<CorrectionRecord> {
    const { book, cluster, metrics } = this.deps;
    const { desired } = t;
    const record = book.ensure(desired, cluster);
    const at = this.iso();
    let correction: CorrectionRecord;
    let next: ObjectRecord = record;
    try {
      const live = await this.apply(t);
      const after = evaluateDrift(
        desired.object,
        live,
        excludedPaths(desired.profile.exclusions, desired.object),
      );
      const ok = after.kind === 'in-sync';
      correction = {
        at,
        by,
        result: ok ? 'corrected' : 'still-drifted',
        ...(!ok && { message: `still differs at ${after.changes.map((c) => c.path).join(', ')}` }),
      };
      next = {
        ...record,
        status: ok ? 'InSync' : record.status,
        since: ok ? undefined : record.since,
        appliedHash: desired.hash,
      };
    } catch (err) {
      this.apiError(err);
      correction = { at, by, result: 'failed', message: describeError(err) };
    }
    const guard = by === 'auto' ? recordCorrection(record.guard, this.deps.now()) : record.guard;
    next = { ...next, guard, lastCorrection: correction, updatedAt: at };
    book.set(next);
    metrics.corrected(cluster, desired.profile.name, desired.object.kind, correction.result);
    if (correction.result === 'corrected') this.emit('corrected', next, t, `corrected (${by})`, by);
    return correction;
  }

  private async act(t: Target, record: ObjectRecord): Promise<void> {
    const { profile } = t.desired;
    const { book } = this.deps;
    if (profile.syncMode === 'DryRun') return book.set({ ...record, message: 'dry run: would re-apply' });
    if (this.deps.passive) return book.set(record);
    if (profile.syncMode !== 'ContinuousWithDriftDetection' || profile.correction === 'Manual') {
      return book.set({ ...record, message: 'correction is manual: run driftline drift correct' });
    }
    const now = this.deps.now();
    const { decision, state } = guardDecision(record.guard, now, profile.guard);
    if (decision.action === 'hold') {
      const held: ObjectRecord = { ...record, status: 'Contested', guard: state, message: decision.reason };
      book.set(held);
      if (decision.newlyContested) this.emit('contested', held, t, decision.reason);
      this.deps.wake(t.desired.key, decision.until + 10);
      return;
    }
    book.set({ ...record, guard: state, message: undefined });
    await this.correct(t, 'auto');
  }

  // Back in sync without this process correcting it. When Driftline's field manager now owns what
  // had drifted, another Driftline process (`drift correct`, which sends nothing itself) corrected
  // it: that is a correction to report, not a recovery.
  private inSync(
    t: Target,
    live: KubeObject,
    before: ObjectRecord,
    next: ObjectRecord,
    resolved: boolean,
  ): void {
    const { state, recovered } = settleGuard(next.guard, this.deps.now(), t.desired.profile.guard);
    const record = { ...next, guard: state };
    this.deps.book.set(record);
    const shown = { ...record, lastDiff: before.lastDiff };
    const elsewhere = resolved && restoredBy(t.desired.object, live, before.lastDiff ?? []);
    if (elsewhere)
      this.emit('corrected', shown, t, 'corrected (manual, by another Driftline process)', 'manual');
    else if (resolved || recovered) this.emit('recovered', shown, t, 'in sync again');
  }

  // Force takes back the fields another manager changed. Excluded fields the profile sets carry
  // their live values (see keepExcluded), read right before and made conditional on that read's
  // resourceVersion, so a writer changing them in between (an HPA) makes us re-read, not reset them.
  private async apply(t: Target): Promise<KubeObject> {
    const { client } = this.deps;
    const { object, key, profile } = t.desired;
    const excluded = excludedPaths(profile.exclusions, object);
    for (let attempt = 1; ; attempt++) {
      const live = excluded.length > 0 ? await this.getLive(t) : undefined;
      const kept = live ? keepExcluded(object, live, excluded) : undefined;
      const body = kept?.kept.length
        ? {
            ...kept.object,
            metadata: { ...kept.object.metadata, resourceVersion: live!.metadata.resourceVersion },
          }
        : object;
      try {
        const applied = await client.apply(t.ref, body, { fieldManager: FIELD_MANAGER, force: true });
        if (applied.metadata.resourceVersion) this.applied.set(key, applied.metadata.resourceVersion);
        return applied;
      } catch (err) {
        const conflict = err instanceof KubeError && err.code === 'kube.conflict';
        if (body === object || !conflict || attempt >= 5) throw err;
      }
    }
  }

  private getLive(t: Target): Promise<KubeObject | undefined> {
    const { namespace = '', name } = t.desired.object.metadata;
    return this.deps.client.get(t.ref, namespace, name);
  }

  // A watch event older than our own last apply describes a state we already replaced.
  private isStale(key: string, live: KubeObject): boolean {
    const mine = this.applied.get(key);
    const theirs = live.metadata.resourceVersion;
    if (!mine || !theirs || !/^\d+$/.test(mine) || !/^\d+$/.test(theirs)) return false;
    return BigInt(theirs) < BigInt(mine);
  }

  private emit(
    type: DriftEventType,
    record: ObjectRecord,
    t: Target,
    message: string,
    by?: CorrectionRecord['by'],
  ): void {
    const { profile } = t.desired;
    this.deps.notifier.notify({
      type,
      at: this.iso(),
      cluster: this.deps.cluster,
      profile: profile.name,
      object: {
        apiVersion: record.apiVersion,
        kind: record.kind,
        namespace: record.namespace,
        name: record.name,
      },
      status: record.status,
      drift: record.drift,
      correction: profile.correction,
      diff: record.lastDiff ?? [],
      attribution: record.attribution ?? [],
      message,
      ...(by && { by }),
    });
  }

  private apiError(err: unknown): void {
    const code = (err as { code?: string }).code ?? 'unknown';
    this.deps.metrics.apiError(this.deps.cluster, code);
    this.deps.logger.warn({ cluster: this.deps.cluster, err: describeError(err) }, 'kube api call failed');
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}

// Seconds from the attributed change (managedFields time, whole seconds) to detection.
function latency(attribution: Attribution[], now: number): number | undefined {
  const times = attribution.filter((a) => a.time && !a.inferred).map((a) => Date.parse(a.time!));
  if (times.length === 0) return undefined;
  return Math.max(0, (now - Math.max(...times)) / 1000);
}
