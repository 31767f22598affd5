import { afterEach, describe, expect, it } from 'vitest';
import { FakeCluster, ScriptedStore } from '../../test/support/controller/fake-cluster.js';
import { KubeError } from '../adapters/kube/index.js';
import { silentLogger } from '../common/logger.js';
import type { KubeObject } from '../model/resource-key.js';
import type { ClusterState, ObjectRecord } from '../profiles/state.js';
import { DEFAULT_GUARD, type Profile } from '../profiles/types.js';
import { ClusterWorker } from './cluster-worker.js';
import { NO_METRICS, NO_NOTIFIER, type StateStore } from './ports.js';

const cm = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { a: '1' },
});
const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

const profile = (objects: KubeObject[]): Profile => ({
  name: 'p',
  file: 'p.yaml',
  resources: objects.map((object, i) => ({
    object,
    origin: { file: 'p.yaml', document: 0, path: ['spec', 'resources', i] },
  })),
  syncMode: 'ContinuousWithDriftDetection',
  correction: 'Auto',
  exclusions: [],
  tier: 100,
  guard: DEFAULT_GUARD,
});

let workers: ClusterWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

function start(
  client: FakeCluster,
  objects: KubeObject[],
  store: StateStore = new ScriptedStore(),
): ClusterWorker {
  const worker = new ClusterWorker({
    cluster: 'fleet/wc1',
    profiles: [profile(objects)],
    client,
    store,
    notifier: NO_NOTIFIER,
    metrics: NO_METRICS,
    logger: silentLogger(),
    watch: false,
    flushMs: 10,
  });
  workers.push(worker);
  void worker.start();
  return worker;
}

const records = (w: ClusterWorker): ObjectRecord[] => Object.values(w.snapshot()?.objects ?? {});
const record = (w: ClusterWorker, name: string): ObjectRecord | undefined =>
  records(w).find((r) => r.name === name);

async function until(fn: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('deploying', () => {
  it('creates a Namespace before the objects in it, even when the profile declares it last', async () => {
    const client = new FakeCluster();
    const objects = [...Array.from({ length: 20 }, (_, i) => cm('team-b', `cm-${i}`)), ns('team-b')];
    const worker = start(client, objects);
    await worker.ready;
    expect(client.applied[0]).toBe('Namespace/team-b');
    expect(records(worker).map((r) => r.status)).toEqual(Array(21).fill('InSync'));
  });

  it('keeps a failed deploy Pending with the reason and retries it once the namespace exists', async () => {
    const client = new FakeCluster();
    const worker = start(client, [cm('team-c', 'settings')]);
    await worker.ready;
    expect(record(worker, 'settings')).toMatchObject({
      status: 'Pending',
      message: expect.stringMatching(/^deploy failed: .*namespaces "team-c" not found; retrying in 1 s$/),
    });
    await client.apply({ group: '', version: 'v1', resource: 'namespaces', namespaced: false }, ns('team-c'));
    await until(() => record(worker, 'settings')?.status === 'InSync', 'retried deploy');
    expect(await client.get(await client.resolve({ kind: 'ConfigMap' }), 'team-c', 'settings')).toBeDefined();
  });

  it('retries a deploy that failed for a passing reason (a server error) with backoff', async () => {
    const client = new FakeCluster();
    await client.apply(await client.resolve({ kind: 'Namespace' }), ns('team-a'));
    const outage = () => new KubeError('kube.server', 'internal error', { status: 500 });
    client.failNext('settings', outage(), outage());
    const worker = start(client, [cm('team-a', 'settings')]);
    await worker.ready;
    expect(record(worker, 'settings')?.status).toBe('Pending');
    await until(() => record(worker, 'settings')?.status === 'InSync', 'deploy after two failures');
    expect(client.applied).toEqual(['Namespace/team-a', 'ConfigMap/settings']);
  });
});

describe('drift state that cannot be read', () => {
  const stored = (): ClusterState => ({
    version: 1,
    cluster: { id: 'fleet/wc1', reachable: true, since: '2024-01-01T00:00:00.000Z', profiles: ['p'] },
    objects: {
      'p|core/ConfigMap/team-a/settings': {
        cluster: 'fleet/wc1',
        profile: 'p',
        key: 'core/ConfigMap/team-a/settings',
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'team-a',
        name: 'settings',
        status: 'InSync',
        driftCount: 7,
        guard: { corrections: [], level: 0 },
        lastCorrection: { at: '2024-01-01T00:00:00.000Z', by: 'auto', result: 'corrected' },
        updatedAt: '2024-01-01T00:00:00.000Z',
      },
    },
  });

  it('is never written over: the cluster waits, not ready with the reason, and resumes with its history', async () => {
    const client = new FakeCluster();
    await client.apply(await client.resolve({ kind: 'Namespace' }), ns('team-a'));
    const store = new ScriptedStore([stored()]);
    store.readError = new KubeError('kube.forbidden', 'configmaps is forbidden: User "limited" cannot list');
    const worker = start(client, [cm('team-a', 'settings')], store);
    await worker.ready;
    expect(worker.snapshot()).toMatchObject({
      cluster: {
        reachable: false,
        lastError: 'cannot read drift state: configmaps is forbidden: User "limited" cannot list',
        profiles: ['p'],
      },
      objects: {},
    });
    expect(await worker.correctNow(() => true)).toMatchObject([
      { skipped: expect.stringMatching(/^cannot read drift state/) },
    ]);
    await new Promise((r) => setTimeout(r, 1200));
    expect(store.saves).toBe(0);
    expect(client.applied).toEqual(['Namespace/team-a']);

    store.readError = undefined;
    await until(() => record(worker, 'settings')?.status === 'InSync', 'state read and object deployed');
    expect(worker.snapshot()?.cluster.reachable).toBe(true);
    expect(worker.snapshot()?.cluster.lastError).toBeUndefined();
    expect(record(worker, 'settings')).toMatchObject({
      driftCount: 7,
      lastCorrection: { at: '2024-01-01T00:00:00.000Z' },
    });
    await worker.stop();
    expect((await store.load('fleet/wc1'))?.objects['p|core/ConfigMap/team-a/settings']?.driftCount).toBe(7);
  });
});
