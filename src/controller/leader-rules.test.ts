import { describe, expect, it } from 'vitest';
import type { LeaseSpec } from '../adapters/kube/leases.js';
import {
  decide,
  type LeaderTiming,
  microTime,
  observe,
  releasedSpec,
  timingProblems,
} from './leader-rules.js';

const T0 = Date.parse('2026-12-07T12:00:00.000Z');
const TIMING: LeaderTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const held = (holder: string, extra: Partial<LeaseSpec> = {}): LeaseSpec => ({
  holderIdentity: holder,
  leaseDurationSeconds: 15,
  acquireTime: microTime(T0 - 60_000),
  renewTime: microTime(T0 - 1_000),
  leaseTransitions: 3,
  ...extra,
});
const seen = (spec: LeaseSpec | undefined, observedAt = T0) => ({
  lease: spec && { spec, resourceVersion: '42' },
  observedAt,
});

describe('decide', () => {
  it('creates a lease nobody has made yet, held by me, with no transitions', () => {
    expect(decide(seen(undefined), 'me', T0, TIMING)).toEqual({
      action: 'create',
      spec: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: '2026-12-07T12:00:00.000000Z',
        renewTime: '2026-12-07T12:00:00.000000Z',
        leaseTransitions: 0,
      },
    });
  });

  it.each([
    ['just seen renewed', T0, T0 + 1],
    ['seen renewed 14.9 s ago', T0, T0 + 14_900],
    // The remote renewTime is an hour old (skewed clock), but I saw it change a moment ago.
    ['with a stale remote renewTime but a fresh local observation', T0, T0 + 5_000],
  ])('follows a lease another holds %s', (_name, observedAt, now) => {
    const decision = decide(
      seen(held('other', { renewTime: microTime(T0 - 3_600_000) }), observedAt),
      'me',
      now,
      TIMING,
    );
    expect(decision).toEqual({ action: 'follow', holder: 'other', expiresAt: observedAt + 15_000 });
  });

  it('takes over a lease not renewed within its duration, counting one more transition', () => {
    const decision = decide(seen(held('other'), T0), 'me', T0 + 15_000, TIMING);
    expect(decision).toEqual({
      action: 'update',
      reason: 'takeover',
      resourceVersion: '42',
      spec: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: microTime(T0 + 15_000),
        renewTime: microTime(T0 + 15_000),
        leaseTransitions: 4,
      },
    });
  });

  it('takes over an expired lease even when its remote renewTime is in the future (skewed clock)', () => {
    const future = held('other', { renewTime: microTime(T0 + 3_600_000) });
    expect(decide(seen(future, T0), 'me', T0 + 16_000, TIMING)).toMatchObject({
      action: 'update',
      reason: 'takeover',
    });
  });

  it("honours the holder's lease duration, not mine", () => {
    const long = held('other', { leaseDurationSeconds: 60 });
    expect(decide(seen(long, T0), 'me', T0 + 30_000, TIMING)).toMatchObject({
      action: 'follow',
      expiresAt: T0 + 60_000,
    });
  });

  it('takes a released lease (no holder) at once, counting a transition', () => {
    const released = held('', { leaseDurationSeconds: 1 });
    expect(decide(seen(released, T0), 'me', T0, TIMING)).toMatchObject({
      action: 'update',
      reason: 'takeover',
      spec: { holderIdentity: 'me', leaseTransitions: 4 },
    });
  });

  it('renews its own lease, keeping acquireTime and transitions', () => {
    const mine = held('me');
    expect(decide(seen(mine, T0 - 20_000), 'me', T0, TIMING)).toEqual({
      action: 'update',
      reason: 'renew',
      resourceVersion: '42',
      spec: { ...mine, renewTime: microTime(T0) },
    });
  });
});

describe('observe', () => {
  const a = { spec: held('other'), resourceVersion: '1' };
  it.each([
    ['first read', undefined, a, T0 + 5],
    [
      'unchanged spec keeps the first observation time',
      { lease: a, observedAt: T0 },
      { ...a, resourceVersion: '2' },
      T0,
    ],
    [
      'a renewal restarts the clock',
      { lease: a, observedAt: T0 },
      { spec: held('other', { renewTime: 'x' }), resourceVersion: '2' },
      T0 + 5,
    ],
    ['a deleted lease restarts the clock', { lease: a, observedAt: T0 }, undefined, T0 + 5],
  ])('%s', (_name, previous, lease, expected) => {
    expect(observe(previous, lease, T0 + 5).observedAt).toBe(expected);
  });
});

describe('releasedSpec', () => {
  it('clears the holder and keeps the transitions count', () => {
    expect(releasedSpec(held('me'), T0)).toEqual({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: microTime(T0),
      renewTime: microTime(T0),
      leaseTransitions: 3,
    });
  });
});

describe('timingProblems', () => {
  it.each([
    [TIMING, []],
    [{ ...TIMING, renewDeadlineMs: 15_000 }, ['the renew deadline must be shorter than the lease duration']],
    [{ ...TIMING, retryPeriodMs: 10_000 }, ['the retry period must be shorter than the renew deadline']],
    [
      { leaseDurationMs: 500, renewDeadlineMs: 400, retryPeriodMs: 100 },
      ['the lease duration must be at least 1 s (the Lease counts whole seconds)'],
    ],
  ])('%o → %o', (timing, problems) => {
    expect(timingProblems(timing)).toEqual(problems);
  });
});

describe('microTime', () => {
  it('writes six fractional digits, as the API server parses MicroTime', () => {
    expect(microTime(Date.parse('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678000Z');
  });
});
