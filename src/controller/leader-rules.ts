/** Leader election rules (pure): from the observed Lease, who holds it and what this candidate writes. */
import type { LeaseSpec } from '../adapters/kube/leases.js';

/** The election's timings, in milliseconds (client-go's LeaseDuration, RenewDeadline, RetryPeriod). */
export interface LeaderTiming {
  /** How long followers wait, from when they saw the last renewal, before taking over. */
  leaseDurationMs: number;
  /** How long the leader keeps acting without a successful renewal; must be < leaseDurationMs. */
  renewDeadlineMs: number;
  /** Pause between attempts to acquire or renew. */
  retryPeriodMs: number;
}

/** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
export const DEFAULT_LEADER_TIMING: LeaderTiming = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

/** Problems with a timing, empty when it is usable (client-go refuses the same ones). */
export function timingProblems(t: LeaderTiming): string[] {
  const problems: string[] = [];
  if (t.retryPeriodMs <= 0) problems.push('the retry period must be positive');
  if (t.leaseDurationMs < 1000)
    problems.push('the lease duration must be at least 1 s (the Lease counts whole seconds)');
  if (t.renewDeadlineMs >= t.leaseDurationMs)
    problems.push('the renew deadline must be shorter than the lease duration');
  if (t.retryPeriodMs >= t.renewDeadlineMs)
    problems.push('the retry period must be shorter than the renew deadline');
  return problems;
}

/** A Lease as read: its spec and the resourceVersion a write must name. */
export interface StoredLease {
  spec: LeaseSpec;
  resourceVersion: string;
}

/**
 * What this candidate has seen: the last Lease read and the local time it first saw that exact
 * spec. Expiry is measured from that local time, never from the remote renewTime, so clock skew
 * between replicas cannot shorten (or lengthen) a lease (client-go's observedTime).
 */
export interface Observation {
  lease: StoredLease | undefined;
  observedAt: number;
}

/** Records a fresh read: keeps the old observation time when the spec has not changed since. */
export function observe(
  previous: Observation | undefined,
  lease: StoredLease | undefined,
  now: number,
): Observation {
  if (previous && sameSpec(previous.lease?.spec, lease?.spec))
    return { lease, observedAt: previous.observedAt };
  return { lease, observedAt: now };
}

/** What to do after an observation. */
export type LeaderDecision =
  | { action: 'create'; spec: LeaseSpec }
  | { action: 'update'; spec: LeaseSpec; resourceVersion: string; reason: 'renew' | 'takeover' }
  | { action: 'follow'; holder: string; expiresAt: number };

/** Decides whether `identity` creates, renews or takes over the Lease, or follows its holder. */
export function decide(
  seen: Observation,
  identity: string,
  now: number,
  timing: LeaderTiming,
): LeaderDecision {
  const { lease } = seen;
  const time = microTime(now);
  const durationSeconds = Math.ceil(timing.leaseDurationMs / 1000);
  if (!lease) {
    const spec = {
      holderIdentity: identity,
      leaseDurationSeconds: durationSeconds,
      acquireTime: time,
      renewTime: time,
      leaseTransitions: 0,
    };
    return { action: 'create', spec };
  }
  const old = lease.spec;
  const holder = old.holderIdentity ?? '';
  if (holder === identity) {
    const spec = {
      ...old,
      leaseDurationSeconds: durationSeconds,
      renewTime: time,
      acquireTime: old.acquireTime ?? time,
    };
    return { action: 'update', spec, resourceVersion: lease.resourceVersion, reason: 'renew' };
  }
  const expiresAt = seen.observedAt + (old.leaseDurationSeconds ?? durationSeconds) * 1000;
  // An empty holder is a released lease: free at once.
  if (holder !== '' && now < expiresAt) return { action: 'follow', holder, expiresAt };
  const spec = {
    holderIdentity: identity,
    leaseDurationSeconds: durationSeconds,
    acquireTime: time,
    renewTime: time,
    leaseTransitions: (old.leaseTransitions ?? 0) + 1,
  };
  return { action: 'update', spec, resourceVersion: lease.resourceVersion, reason: 'takeover' };
}

/** The spec a leader writes to give the lease up: no holder, so the next candidate takes it at once. */
export function releasedSpec(held: LeaseSpec, now: number): LeaseSpec {
  const time = microTime(now);
  return { ...held, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: time, renewTime: time };
}

/** Epoch ms as a Kubernetes MicroTime (`2006-01-02T15:04:05.000000Z`: the server wants six digits). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function sameSpec(a: LeaseSpec | undefined, b: LeaseSpec | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime === b.acquireTime &&
    a.renewTime === b.renewTime &&
    a.leaseTransitions === b.leaseTransitions
  );
}
