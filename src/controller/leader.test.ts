import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLeaseStore } from '../../test/support/leader-memory-store.js';
import { KubeError } from '../adapters/kube/errors.js';
import { LeaderElector, type LeaderElectorOptions, replicaIdentity } from './leader.js';
import type { LeaderTiming } from './leader-rules.js';

// Real timers with short timings: the elector's guarantees are about time passing.
const TIMING: LeaderTiming = { leaseDurationMs: 1000, renewDeadlineMs: 600, retryPeriodMs: 100 };
const electors: LeaderElector[] = [];
const elector = (store: MemoryLeaseStore, identity: string, extra: Partial<LeaderElectorOptions> = {}) => {
  const e = new LeaderElector({ identity, store, timing: TIMING, requestTimeoutMs: 200, ...extra });
  electors.push(e);
  return e;
};
const until = async (check: () => boolean, ms = 3000): Promise<number> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
};

/** `a` leads the store's lease; `b` runs and has seen `a` hold it. */
const leaderAndFollower = async () => {
  const store = new MemoryLeaseStore();
  const a = elector(store, 'a');
  const b = elector(store, 'b');
  void a.run();
  await until(() => a.isLeader());
  void b.run();
  await until(() => b.leader === 'a');
  return { store, a, b };
};

afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
});

describe('LeaderElector', () => {
  it('refuses a renew deadline not shorter than the lease', () => {
    expect(() =>
      elector(new MemoryLeaseStore(), 'a', { timing: { ...TIMING, renewDeadlineMs: 1000 } }),
    ).toThrow(/renew deadline must be shorter/);
  });

  it('creates the lease, leads, renews it and reports itself as the new leader', async () => {
    const store = new MemoryLeaseStore();
    const leaders: string[] = [];
    let signal: AbortSignal | undefined;
    const a = elector(store, 'a', {
      onNewLeader: (id) => leaders.push(id),
      onStartedLeading: (s) => (signal = s),
    });
    void a.run();
    await until(() => a.isLeader());
    const first = store.lease!.spec.renewTime;
    await until(() => store.lease!.spec.renewTime !== first);
    expect(leaders).toEqual(['a']);
    expect(signal?.aborted).toBe(false);
    expect(store.lease!.spec).toMatchObject({ holderIdentity: 'a', leaseTransitions: 0 });
  });

  it('aborts the leader’s signal by the renew deadline when the server stops answering', async () => {
    const store = new MemoryLeaseStore();
    let signal: AbortSignal | undefined;
    let stopped = 0;
    const a = elector(store, 'a', {
      onStartedLeading: (s) => (signal = s),
      onStoppedLeading: () => stopped++,
    });
    void a.run();
    await until(() => a.isLeader());
    store.hang = true;
    const hungAt = Date.now();
    await until(() => signal!.aborted);
    // The last renewal started at most a retry period (plus a request) before the hang.
    expect(Date.now() - hungAt).toBeLessThanOrEqual(TIMING.renewDeadlineMs + 50);
    expect(a.isLeader()).toBe(false);
    expect(stopped).toBe(1);
  });

  it('follows a held lease, and takes over at once when it is released', async () => {
    const { store, a, b } = await leaderAndFollower();
    expect(b.isLeader()).toBe(false);
    await a.release();
    expect(a.isLeader()).toBe(false);
    const took = await until(() => b.isLeader());
    expect(took).toBeLessThan(TIMING.retryPeriodMs * 1.2 + 100);
    expect(store.lease!.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('takes over a lease its holder stopped renewing once the lease duration has passed', async () => {
    const { a, b } = await leaderAndFollower();
    await a.stop();
    const took = await until(() => b.isLeader());
    expect(took).toBeGreaterThanOrEqual(TIMING.leaseDurationMs - TIMING.retryPeriodMs * 1.2 - 50);
    expect(took).toBeLessThanOrEqual(TIMING.leaseDurationMs + TIMING.retryPeriodMs * 1.2 + 100);
  });

  it('leads and steps down even when its callbacks throw, and runs again after stop', async () => {
    const store = new MemoryLeaseStore();
    const boom = (): never => {
      throw new Error('boom');
    };
    const a = elector(store, 'a', { onStartedLeading: boom, onStoppedLeading: boom, onNewLeader: boom });
    void a.run();
    await until(() => a.isLeader());
    await a.stop();
    expect(a.isLeader()).toBe(false);
    void a.run();
    await until(() => a.isLeader());
  });
});

describe('LeaderElector stop', () => {
  it('stops acting at once, before the request in flight has ended, and when its run signal aborts', async () => {
    const store = new MemoryLeaseStore();
    let signal: AbortSignal | undefined;
    const run = new AbortController();
    const a = elector(store, 'a', { onStartedLeading: (s) => (signal = s) });
    void a.run(run.signal);
    await until(() => a.isLeader());
    store.hang = true;
    await new Promise((r) => setTimeout(r, 150));
    run.abort();
    expect(signal?.aborted).toBe(true);
    expect(a.isLeader()).toBe(false);
  });
});

describe('LeaderElector failures', () => {
  it('reports a failure other than a lost race in lastError until an attempt succeeds', async () => {
    const store = new MemoryLeaseStore();
    const get = store.get.bind(store);
    let forbidden = true;
    store.get = () =>
      forbidden
        ? Promise.reject(new KubeError('kube.forbidden', 'get lease: forbidden', { status: 403 }))
        : get();
    const a = elector(store, 'a');
    void a.run();
    await until(() => a.lastError !== undefined);
    expect(a.lastError).toEqual({ code: 'kube.forbidden', message: 'get lease: forbidden' });
    forbidden = false;
    await until(() => a.isLeader());
    expect(a.lastError).toBeUndefined();
  });
});

describe('LeaderElector clock', () => {
  it('does not lead on a write that returned after the renew deadline; the next timely renewal leads', async () => {
    const store = new MemoryLeaseStore();
    const events: string[] = [];
    let offset = 0;
    const create = store.create.bind(store);
    const update = store.update.bind(store);
    store.create = async (spec) => {
      events.push('create');
      offset += TIMING.renewDeadlineMs + 100; // the local clock says the write took too long
      return create(spec);
    };
    store.update = async (spec, rv) => {
      events.push('update');
      return update(spec, rv);
    };
    const a = elector(store, 'a', {
      now: () => Date.now() + offset,
      onStartedLeading: () => events.push('leading'),
    });
    void a.run();
    await until(() => a.isLeader());
    expect(events.slice(0, 3)).toEqual(['create', 'update', 'leading']);
  });
});

describe('replicaIdentity', () => {
  it('is the name and a random id, different on every start', () => {
    expect(replicaIdentity('serve-7d9f')).toMatch(/^serve-7d9f_[0-9a-f-]{36}$/);
    expect(replicaIdentity('x')).not.toBe(replicaIdentity('x'));
  });
});
