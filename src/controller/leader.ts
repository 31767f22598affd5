/** The leader elector: competes for a Lease, renews it while leading, and stops acting before it could lapse. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DriftlineError, describeError } from '../common/errors.js';
import { type Logger, silentLogger } from '../common/logger.js';
import {
  DEFAULT_LEADER_TIMING,
  decide,
  type LeaderTiming,
  type Observation,
  observe,
  releasedSpec,
  type StoredLease,
  timingProblems,
} from './leader-rules.js';
import type { LeaseStore } from './leader-store.js';

/** What the elector tells its owner. Callbacks must return at once; long work watches the signal. */
export interface LeaderCallbacks {
  /** This replica leads; `signal` aborts the moment it must stop acting (lost, not renewed, stopped). */
  onStartedLeading?(signal: AbortSignal): void;
  /** This replica stopped leading (always after the signal given to onStartedLeading aborted). */
  onStoppedLeading?(): void;
  /** The Lease names a new holder (this replica included). */
  onNewLeader?(identity: string): void;
}

/** Options of an elector. */
export interface LeaderElectorOptions extends LeaderCallbacks {
  /** Unique per replica, e.g. the Pod name plus a random suffix. */
  identity: string;
  store: LeaseStore;
  timing?: LeaderTiming;
  /** Deadline of each API request (at most, and by default, half the renew deadline), so a hung server cannot stall the loop. */
  requestTimeoutMs?: number;
  logger?: Logger;
  /** Local clock (tests). */
  now?: () => number;
}

interface Leadership {
  controller: AbortController;
  /** Local time after which this replica may no longer act (last renewal's start + renew deadline). */
  validUntil: number;
  timer: NodeJS.Timeout;
}

/** Elects one leader among replicas sharing a Lease, the way client-go's leaderelection does. */
export class LeaderElector {
  private readonly timing: LeaderTiming;
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private seen?: Observation;
  private failure?: { code: string; message: string };
  private leadership?: Leadership;
  private reported = '';
  private loop?: { controller: AbortController; done: Promise<void> };

  constructor(private readonly options: LeaderElectorOptions) {
    this.timing = options.timing ?? DEFAULT_LEADER_TIMING;
    const problems = timingProblems(this.timing);
    if (problems.length > 0) {
      throw new DriftlineError(
        'leader.invalid-timing',
        `invalid leader election timing: ${problems.join('; ')}`,
        {
          problems,
        },
      );
    }
    this.requestTimeoutMs = Math.min(
      options.requestTimeoutMs ?? Number.POSITIVE_INFINITY,
      this.timing.renewDeadlineMs / 2,
    );
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? silentLogger();
  }

  /** True while this replica holds the Lease and is within its renew deadline (checked against the clock). */
  isLeader(): boolean {
    return this.leadership !== undefined && this.now() < this.leadership.validUntil;
  }

  /** This replica's identity. */
  get identity(): string {
    return this.options.identity;
  }

  /** Why the last attempt to read or write the Lease failed, while it keeps failing (for /readyz). */
  get lastError(): { code: string; message: string } | undefined {
    return this.failure;
  }

  /** The holder last seen in the Lease ('' when released or unknown). */
  get leader(): string {
    return this.seen?.lease?.spec.holderIdentity ?? '';
  }

  /** Competes until `signal` aborts or stop()/release() is called; resolves once the loop has ended. */
  run(signal?: AbortSignal): Promise<void> {
    if (this.loop)
      throw new DriftlineError('leader.running', `elector ${this.options.identity} is already running`);
    const controller = new AbortController();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', () => void this.stop(), { once: true });
    const done = this.cycle(controller.signal);
    this.loop = { controller, done };
    return done;
  }

  /** Ends the loop and stops leading, without giving the Lease up (others wait for it to lapse). */
  async stop(): Promise<void> {
    this.loop?.controller.abort();
    // Stop acting at once, not after the request in flight (if any) has ended.
    this.stepDown('stopped');
    await this.loop?.done;
    this.loop = undefined;
  }

  /** Ends the loop, stops leading, then clears the Lease's holder so another replica takes over at once. */
  async release(): Promise<void> {
    await this.stop();
    const lease = this.seen?.lease;
    if (lease?.spec.holderIdentity !== this.options.identity) return;
    try {
      const written = await this.call('release', () =>
        this.options.store.update(releasedSpec(lease.spec, this.now()), lease.resourceVersion),
      );
      this.seen = observe(this.seen, written, this.now());
      this.log.info({ lease: this.options.store.description }, 'leader election: released the lease');
    } catch (err) {
      // A conflict means another replica already holds it: nothing left to give up.
      this.log.warn({ err: describeError(err) }, 'leader election: could not release the lease');
    }
  }

  private async cycle(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.attempt(signal).then(
        () => this.failed(undefined),
        (err: unknown) => this.failed(err),
      );
      // Followers add jitter (client-go's factor 1.2) so candidates do not retry in lockstep.
      const jitter = this.leadership ? 0 : Math.random() * 0.2 * this.timing.retryPeriodMs;
      await sleep(this.timing.retryPeriodMs + jitter, undefined, { signal }).catch(() => undefined);
    }
    this.stepDown('stopped');
  }

  // A lost race (conflict) is routine. Any other failure (forbidden, no namespace, unreachable) is
  // warned about once per kind and while it lasts shows in `lastError`, so a missing permission is
  // reported, not retried in silence.
  private failed(err: unknown): void {
    const code = err === undefined ? undefined : errorCode(err);
    if (code === 'kube.conflict') return;
    if (code !== undefined && code !== this.failure?.code) {
      this.log.warn(
        { lease: this.options.store.description, err: describeError(err) },
        'leader election: attempt failed',
      );
    }
    this.failure = code === undefined ? undefined : { code, message: describeError(err) };
  }

  private async attempt(signal: AbortSignal): Promise<void> {
    const { store, identity } = this.options;
    const lease = await this.call('get', () => store.get());
    this.see(lease);
    const decision = decide(this.seen!, identity, this.now(), this.timing);
    if (decision.action === 'follow') {
      this.stepDown(`the lease is held by ${decision.holder}`);
      return;
    }
    if (signal.aborted) return;
    const started = this.now();
    const written = await this.call(decision.action, () =>
      decision.action === 'create'
        ? store.create(decision.spec)
        : store.update(decision.spec, decision.resourceVersion),
    );
    // Recorded even when stopped meanwhile, so release() names the version just written.
    this.see(written);
    if (!signal.aborted) this.lead(started);
  }

  private see(lease: StoredLease | undefined): void {
    this.seen = observe(this.seen, lease, this.now());
    const holder = lease?.spec.holderIdentity ?? '';
    if (holder !== '' && holder !== this.reported) {
      this.reported = holder;
      this.notify('onNewLeader', () => this.options.onNewLeader?.(holder));
    }
  }

  // Others measure expiry from when they saw this write, which is after `started`; stepping down
  // at `started + renewDeadline` (< leaseDuration) stops this replica before any of them can take over.
  private lead(started: number): void {
    const validUntil = started + this.timing.renewDeadlineMs;
    // A write that took longer than the renew deadline gives no time to act in.
    if (validUntil <= this.now()) {
      this.stepDown('the renewal took longer than the renew deadline');
      return;
    }
    const stepDownAt = (): NodeJS.Timeout =>
      setTimeout(
        () => this.stepDown('not renewed within the renew deadline'),
        Math.max(0, validUntil - this.now()),
      );
    if (this.leadership) {
      clearTimeout(this.leadership.timer);
      this.leadership.validUntil = validUntil;
      this.leadership.timer = stepDownAt();
      return;
    }
    const controller = new AbortController();
    this.leadership = { controller, validUntil, timer: stepDownAt() };
    this.log.info(
      { identity: this.options.identity, lease: this.options.store.description },
      'leader election: leading',
    );
    this.notify('onStartedLeading', () => this.options.onStartedLeading?.(controller.signal));
  }

  private stepDown(reason: string): void {
    const leadership = this.leadership;
    if (!leadership) return;
    this.leadership = undefined;
    clearTimeout(leadership.timer);
    leadership.controller.abort(new DriftlineError('leader.lost', `stopped leading: ${reason}`));
    this.log.info({ identity: this.options.identity, reason }, 'leader election: stopped leading');
    this.notify('onStoppedLeading', () => this.options.onStoppedLeading?.());
  }

  // A throwing callback must not leave the elector half-way through a change of leadership.
  private notify(name: string, callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.log.warn({ err: describeError(err) }, `leader election: ${name} failed`);
    }
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withDeadline(fn(), this.requestTimeoutMs, `${what} ${this.options.store.description}`);
  }
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'unexpected';
}

/** A replica identity unique across restarts, as client-go makes it: the host (Pod) name and a random id. */
export function replicaIdentity(name: string = hostname()): string {
  return `${name}_${randomUUID()}`;
}

/** Rejects with `leader.timeout` when `promise` has not settled within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DriftlineError('leader.timeout', `${what}: no answer in ${ms} ms`)),
      ms,
    );
  });
  promise.catch(() => undefined);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
