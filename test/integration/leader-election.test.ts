// Leader election against a real kube-apiserver 1.20: one leader, takeover after a crash within the
// lease duration, at once after a release, never two leaders, and a leader that steps down by its
// renew deadline when the API server stops answering. Then the same with real processes and kill -9.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/client.js';
import { KubeError } from '../../src/adapters/kube/errors.js';
import { LEASES } from '../../src/adapters/kube/leases.js';
import { ensureNamespace } from '../../src/adapters/kube/namespaces.js';
import { type LeaderCallbacks, LeaderElector } from '../../src/controller/leader.js';
import type { LeaderTiming } from '../../src/controller/leader-rules.js';
import { kubeLeaseStore, LEADER_LEASE, leaderClientOptions } from '../../src/controller/leader-store.js';
import { SYSTEM_NAMESPACE } from '../../src/model/vocabulary.js';
import { TestEnv } from '../env/harness.js';
import {
  apiServerPid,
  type Candidate,
  sampleLeaders,
  startCandidate,
  until,
} from '../support/leader-processes.js';

const TIMING: LeaderTiming = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 300 };
// A follower sees the last renewal up to one (jittered) retry period late, and polls once more after
// the lease lapsed; 400 ms covers request latency on a loaded machine.
const CRASH_BOUND_MS = TIMING.leaseDurationMs + 2 * 1.2 * TIMING.retryPeriodMs + 400;
// After a release the next poll of a follower takes the lease.
const RELEASE_BOUND_MS = 1.2 * TIMING.retryPeriodMs + 400;

let env: TestEnv;
let admin: KubeClient;
const clients: KubeClient[] = [];
const electors: LeaderElector[] = [];
const candidates: Candidate[] = [];

const elector = (identity: string, lease: string, callbacks: LeaderCallbacks = {}): LeaderElector => {
  const client = KubeClient.connect({
    inline: env.cluster('mgmt').server.kubeconfig,
    ...leaderClientOptions(TIMING),
  });
  clients.push(client);
  const e = new LeaderElector({
    identity,
    store: kubeLeaseStore(client, { namespace: SYSTEM_NAMESPACE, name: lease }),
    timing: TIMING,
    ...callbacks,
  });
  electors.push(e);
  return e;
};
const leaderOf = (...es: LeaderElector[]): LeaderElector | undefined => es.find((e) => e.isLeader());

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  admin = env.cluster('mgmt').client;
  await ensureNamespace(admin, SYSTEM_NAMESPACE);
});

afterAll(async () => {
  for (const c of candidates) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  await Promise.all(electors.map((e) => e.stop()));
  for (const c of clients) c.close();
  await env?.stop();
});

describe('replace with a resourceVersion', () => {
  it('fails with kube.conflict when the Lease moved on since it was read', async () => {
    const store = kubeLeaseStore(admin, { namespace: SYSTEM_NAMESPACE, name: 'conflict' });
    const created = await store.create({ holderIdentity: 'a', leaseDurationSeconds: 2 });
    await store.update({ holderIdentity: 'b', leaseDurationSeconds: 2 }, created.resourceVersion);
    const stale = store.update({ holderIdentity: 'c', leaseDurationSeconds: 2 }, created.resourceVersion);
    await expect(stale).rejects.toSatisfy((err) => err instanceof KubeError && err.code === 'kube.conflict');
    expect((await store.get())?.spec.holderIdentity).toBe('b');
  });
});

describe('two electors in one process', () => {
  it('elect one leader, hand over after a crash within the lease duration and at once after a release, never two at once', async () => {
    const a = elector('a', 'pair');
    const b = elector('b', 'pair');
    const c = elector('c', 'pair');
    const sampler = sampleLeaders([a, b, c]);
    void a.run();
    void b.run();
    const first = await until(() => leaderOf(a, b), 10_000, 'a leader');
    const second = first === a ? b : a;
    await new Promise((r) => setTimeout(r, 1000));
    expect(leaderOf(a, b)).toBe(first);

    // Crash: the loop stops, nothing is released.
    await first.stop();
    const crashedAt = Date.now();
    await until(() => second.isLeader(), CRASH_BOUND_MS + 2000, 'takeover after the crash');
    const crashTakeover = Date.now() - crashedAt;
    expect(crashTakeover).toBeLessThanOrEqual(CRASH_BOUND_MS);
    // The last renewal was at most a retry period (and a read) before the crash.
    expect(crashTakeover).toBeGreaterThanOrEqual(TIMING.leaseDurationMs - 2 * TIMING.retryPeriodMs);

    // Release: a third replica takes over on its next poll.
    void c.run();
    await until(() => c.leader === second.identity || undefined, 5000, 'c to see the leader');
    const releasedAt = Date.now();
    await second.release();
    await until(() => c.isLeader(), RELEASE_BOUND_MS + 2000, 'takeover after the release');
    const releaseTakeover = Date.now() - releasedAt;
    expect(releaseTakeover).toBeLessThanOrEqual(RELEASE_BOUND_MS);

    sampler.stop();
    expect(sampler.samples).toBeGreaterThan(50);
    expect(sampler.overlaps).toBe(0);
    const lease = await admin.get(LEASES, SYSTEM_NAMESPACE, 'pair');
    expect(lease?.spec).toMatchObject({ holderIdentity: 'c', leaseTransitions: 2 });
    console.info(
      `leader election: crash takeover ${crashTakeover} ms, release takeover ${releaseTakeover} ms`,
    );
  });

  it('the leader stops acting by the renew deadline while the API server is paused (SIGSTOP)', async () => {
    const pid = apiServerPid(new URL(env.cluster('mgmt').server.url).port);
    expect(pid, 'the kube-apiserver process of the test environment').toBeDefined();
    let signal: AbortSignal | undefined;
    const leading = elector('pa', 'paused', { onStartedLeading: (s) => (signal = s) });
    const b = elector('pb', 'paused');
    const sampler = sampleLeaders([leading, b]);
    void leading.run();
    await until(() => leading.isLeader(), 10_000, 'a leader');
    void b.run();
    await until(() => b.leader === 'pa' || undefined, 5000, 'b to follow');
    process.kill(pid!, 'SIGSTOP');
    const pausedAt = Date.now();
    try {
      await until(() => signal?.aborted, TIMING.renewDeadlineMs + 2000, 'the leader to step down');
      const steppedDown = Date.now() - pausedAt;
      expect(steppedDown).toBeLessThanOrEqual(TIMING.renewDeadlineMs + 100);
      expect(leading.isLeader()).toBe(false);
      // Nobody can take over while the server is paused.
      await new Promise((r) => setTimeout(r, TIMING.leaseDurationMs));
      expect(b.isLeader()).toBe(false);
      console.info(`leader election: stepped down ${steppedDown} ms after the API server paused`);
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    await until(() => leaderOf(leading, b), 20_000, 'a leader once the server answers again');
    sampler.stop();
    expect(sampler.overlaps).toBe(0);
  });
});

describe('two candidate processes', () => {
  it('kill -9 of the leader: the other leads within the bound; SIGTERM releases to a third at once', async () => {
    const kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
    const timings = {
      LEASE_MS: String(TIMING.leaseDurationMs),
      RENEW_MS: String(TIMING.renewDeadlineMs),
      RETRY_MS: String(TIMING.retryPeriodMs),
    };
    const p1 = startCandidate(kubeconfig, 'p1', timings);
    const p2 = startCandidate(kubeconfig, 'p2', timings);
    candidates.push(p1, p2);
    const leader = await until(() => [p1, p2].find((p) => p.first('LEADING')), 60_000, 'a process to lead');
    const other = leader === p1 ? p2 : p1;
    await until(() => other.first('STARTED'), 60_000, 'the other process to start');
    await new Promise((r) => setTimeout(r, 1000));
    expect(other.first('LEADING')).toBeUndefined();

    leader.child.kill('SIGKILL');
    const killedAt = Date.now();
    const tookOver = await until(() => other.first('LEADING', killedAt), CRASH_BOUND_MS + 3000, 'takeover');
    expect(tookOver - killedAt).toBeLessThanOrEqual(CRASH_BOUND_MS);

    const p3 = startCandidate(kubeconfig, 'p3', timings);
    candidates.push(p3);
    await until(
      () => p3.lines.some((l) => l.word === 'LEADER' && l.arg === other.identity),
      60_000,
      'p3 to follow',
    );
    const termAt = Date.now();
    other.child.kill('SIGTERM');
    const released = await until(
      () => p3.first('LEADING', termAt),
      RELEASE_BOUND_MS + 3000,
      'takeover after SIGTERM',
    );
    // The leader stopped acting before it released, and the next one started only after that.
    expect(other.first('STOPPED', termAt)).toBeLessThanOrEqual(other.first('RELEASED', termAt)!);
    expect(released).toBeGreaterThanOrEqual(other.first('STOPPED', termAt)!);
    expect(released - termAt).toBeLessThanOrEqual(RELEASE_BOUND_MS + 200);
    expect((await admin.get(LEASES, LEADER_LEASE.namespace, LEADER_LEASE.name))?.spec).toMatchObject({
      holderIdentity: 'p3',
      leaseTransitions: 2,
    });
    console.info(
      `leader election (processes): kill -9 takeover ${tookOver - killedAt} ms, SIGTERM takeover ${released - termAt} ms`,
    );
  });
});
