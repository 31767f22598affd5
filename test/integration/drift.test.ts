// Continuous drift detection and correction against real API servers: a management cluster whose
// Cluster API Clusters (wc1, wc2 labelled env=prod; wc3 env=dev) point at three workload API servers.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/adapters/kube/index.js';
import { DriftController } from '../../src/controller/drift-controller.js';
import { CapiFleet } from '../../src/controller/fleet.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { ConfigMapStateStore } from '../../src/controller/state-store.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { ObjectRecord } from '../../src/profiles/state.js';
import type { TestEnv } from '../env/harness.js';
import {
  CONFIGMAPS,
  DEPLOYMENTS,
  MANUAL_PROFILE,
  RecordingNotifier,
  startFleet,
  until,
  writeTree,
} from '../support/drift-fixture.js';

const profiles = {
  'baseline.yaml': `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: baseline}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  correction: Auto
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: strict, level: "3", free: anything}
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: contested, namespace: team-a}
      data: {owner: platform}
    - path: manifests/web.yaml
  driftExclusions:
    - paths: [/data/free]
      target: {kind: ConfigMap}
  contestGuard: {maxCorrections: 3, windowSeconds: 60, backoffSeconds: 30}
`,
  'manual.yaml': MANUAL_PROFILE,
  'manifests/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team-a}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx:1.25
          resources: {limits: {cpu: "0.5", memory: 128Mi}}
`,
};

let env: TestEnv;
let controller: DriftController;
let notifier: RecordingNotifier;
let store: ConfigMapStateStore;
let dir: string;
const wc = (name: string): KubeClient => env.cluster(name).client;

function startController(): DriftController {
  notifier = new RecordingNotifier();
  const mgmt = env.cluster('mgmt').client;
  return new DriftController({
    profiles: loadProfiles(dir),
    fleet: new CapiFleet(mgmt),
    store,
    notifier,
    flushMs: 100,
  });
}

function record(cluster: string, name: string): ObjectRecord | undefined {
  const shard = controller.snapshot().find((s) => s.cluster.id === `fleet/${cluster}`);
  return Object.values(shard?.objects ?? {}).find((r) => r.namespace === 'team-a' && r.name === name);
}

async function data(cluster: string, name: string): Promise<Record<string, string> | undefined> {
  return (await wc(cluster).get(CONFIGMAPS, 'team-a', name))?.data as Record<string, string> | undefined;
}

const intrude = (
  cluster: string,
  name: string,
  values: Record<string, string>,
  manager = 'intruder',
): Promise<KubeObject> =>
  wc(cluster).apply(
    CONFIGMAPS,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team-a' }, data: values },
    { fieldManager: manager, force: true },
  );

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' }, wc2: { env: 'prod' }, wc3: { env: 'dev' } });
  dir = writeTree(profiles);
  store = new ConfigMapStateStore(env.cluster('mgmt').client);
  controller = startController();
  await controller.start();
  await controller.ready();
});

afterAll(async () => {
  await controller?.stop();
  await env?.stop();
});

describe('deployment', () => {
  it('deploys every profile object to the two matching clusters only, labelled as Driftline-managed', async () => {
    for (const name of ['wc1', 'wc2']) {
      const cm = await wc(name).get(CONFIGMAPS, 'team-a', 'settings');
      expect(cm?.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'driftline',
        'driftline.dev/profile': 'baseline',
      });
      expect(await wc(name).get(DEPLOYMENTS, 'team-a', 'web')).toBeDefined();
      const managers = ((cm?.metadata.managedFields ?? []) as { manager: string }[]).map((m) => m.manager);
      expect(managers).toContain('driftline');
    }
    expect(await wc('wc3').get(CONFIGMAPS, 'team-a', 'settings')).toBeUndefined();
  });

  it('reports everything in sync: server-defaulted fields and canonicalised quantities are not drift', async () => {
    const web = await wc('wc1').get(DEPLOYMENTS, 'team-a', 'web');
    const container = (web!.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
      .template.spec.containers[0]!;
    expect(container).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      resources: { limits: { cpu: '500m' } },
    });
    for (const s of controller.snapshot())
      for (const r of Object.values(s.objects)) expect([r.key, r.status]).toEqual([r.key, 'InSync']);
    expect(notifier.events.filter((e) => e.type === 'drift')).toEqual([]);
  });

  it('stores its state in ConfigMaps of driftline-system in the management cluster', async () => {
    await until(async () => (await store.list()).length === 2, 5000, 'two state shards');
    expect((await store.list()).map((s) => s.cluster.id)).toEqual(['fleet/wc1', 'fleet/wc2']);
  });
});

describe('detection and Auto correction', () => {
  it('detects a change by another field manager with the field diff and who made it, then corrects it', async () => {
    await intrude('wc1', 'settings', { mode: 'lax' });
    const drift = await until(() => notifier.of('drift', 'wc1', 'settings')[0], 5000, 'drift event');
    expect(drift.diff).toEqual([{ path: '/data/mode', op: 'replace', old: 'strict', new: 'lax' }]);
    expect(drift.attribution).toMatchObject([
      { manager: 'intruder', operation: 'Apply', paths: ['/data/mode'] },
    ]);
    await until(async () => (await data('wc1', 'settings'))?.mode === 'strict', 5000, 'correction');
    await until(
      () => record('wc1', 'settings')?.lastCorrection?.result === 'corrected',
      5000,
      'correction record',
    );
    expect(record('wc1', 'settings')).toMatchObject({
      status: 'InSync',
      driftCount: 1,
      lastDiff: drift.diff,
    });
    expect(notifier.of('corrected', 'wc1', 'settings')).toHaveLength(1);
  });

  it('names kubectl as the manager of a change made with kubectl patch', async () => {
    const kubeconfig = env.cluster('wc2').server.kubeconfigPath;
    execFileSync('kubectl', [
      '--kubeconfig',
      kubeconfig,
      '-n',
      'team-a',
      'patch',
      'deployment',
      'web',
      '--type',
      'merge',
      '-p',
      '{"spec":{"replicas":5}}',
    ]);
    const drift = await until(() => notifier.of('drift', 'wc2', 'web')[0], 5000, 'drift event');
    expect(drift.diff).toEqual([{ path: '/spec/replicas', op: 'replace', old: 2, new: 5 }]);
    expect(drift.attribution[0]).toMatchObject({ manager: 'kubectl-patch', operation: 'Update' });
    await until(
      async () =>
        ((await wc('wc2').get(DEPLOYMENTS, 'team-a', 'web'))?.spec as { replicas?: number })?.replicas === 2,
      5000,
      'replicas restored',
    );
  });

  it('recreates a deleted object', async () => {
    await wc('wc2').delete(CONFIGMAPS, 'team-a', 'settings');
    const drift = await until(() => notifier.of('drift', 'wc2', 'settings')[0], 5000, 'drift event');
    expect(drift).toMatchObject({ drift: 'missing', diff: [{ path: '', op: 'remove' }] });
    await until(async () => (await data('wc2', 'settings'))?.mode === 'strict', 5000, 'recreation');
  });

  it('leaves an excluded path alone', async () => {
    await intrude('wc1', 'settings', { free: 'changed locally' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await data('wc1', 'settings'))?.free).toBe('changed locally');
    expect(record('wc1', 'settings')?.status).toBe('InSync');
  });

  it('never corrects an object annotated driftline.dev/drift-ignore', async () => {
    await wc('wc2').patch(
      CONFIGMAPS,
      'team-a',
      'settings',
      { metadata: { annotations: { 'driftline.dev/drift-ignore': 'true' } }, data: { mode: 'local' } },
      'merge',
    );
    await until(() => record('wc2', 'settings')?.status === 'Ignored', 5000, 'ignored status');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await data('wc2', 'settings'))?.mode).toBe('local');
  });
});

describe('Manual correction', () => {
  it('reports drift of a Manual profile and leaves it until a correction is requested', async () => {
    await intrude('wc1', 'manual', { owner: 'someone' });
    await until(() => notifier.of('drift', 'wc1', 'manual')[0], 5000, 'drift event');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await data('wc1', 'manual'))?.owner).toBe('someone');
    expect(record('wc1', 'manual')?.status).toBe('Drifted');
    const outcome = await controller.correct({
      profile: 'manual',
      cluster: 'wc1',
      resource: 'ConfigMap/team-a/manual',
    });
    expect(outcome).toMatchObject([
      { cluster: 'fleet/wc1', correction: { by: 'manual', result: 'corrected' } },
    ]);
    expect((await data('wc1', 'manual'))?.owner).toBe('platform');
  });
});

describe('flip-flop guard', () => {
  it('marks an object fought over by a second writer Contested and names that writer', async () => {
    const client = wc('wc2');
    let flips = 0;
    const handle = await client.watch(
      CONFIGMAPS,
      { namespace: 'team-a', fieldSelector: 'metadata.name=contested' },
      (e) => {
        if (
          e.type === 'MODIFIED' &&
          (e.object.data as Record<string, string>).owner === 'platform' &&
          flips < 20
        ) {
          flips++;
          void intrude('wc2', 'contested', { owner: 'team' }, 'flipper');
        }
      },
      () => undefined,
    );
    try {
      await intrude('wc2', 'contested', { owner: 'team' }, 'flipper');
      const contest = await until(() => notifier.of('contested', 'wc2', 'contested')[0], 15_000, 'contest');
      expect(contest.attribution[0]?.manager).toBe('flipper');
      expect(contest.message).toMatch(/backing off/);
      expect(record('wc2', 'contested')?.status).toBe('Contested');
      const settled = flips;
      await new Promise((r) => setTimeout(r, 1500));
      expect(flips).toBe(settled);
      expect(settled).toBeLessThanOrEqual(4);
    } finally {
      handle.stop();
    }
  });
});

describe('fleet changes', () => {
  const CLUSTERS = { group: 'cluster.x-k8s.io', version: 'v1beta1', resource: 'clusters', namespaced: true };

  it('starts managing a cluster whose labels start matching, and forgets one that leaves the fleet', async () => {
    const mgmt = env.cluster('mgmt').client;
    await mgmt.patch(CLUSTERS, 'fleet', 'wc3', { metadata: { labels: { env: 'prod' } } }, 'merge');
    await until(async () => (await data('wc3', 'settings'))?.mode === 'strict', 10_000, 'deployment to wc3');
    await until(() => record('wc3', 'settings')?.status === 'InSync', 5000, 'wc3 in sync');
    await mgmt.delete(CLUSTERS, 'fleet', 'wc3');
    await until(
      () => !controller.snapshot().some((s) => s.cluster.id === 'fleet/wc3'),
      10_000,
      'wc3 forgotten',
    );
    await until(
      async () => !(await store.list()).some((s) => s.cluster.id === 'fleet/wc3'),
      5000,
      'wc3 state removed',
    );
  });
});

describe('restarts and outages', () => {
  it('keeps its state across a restart and reports no spurious drift', async () => {
    const before = record('wc1', 'settings');
    await controller.stop();
    controller = startController();
    await controller.start();
    await controller.ready();
    expect(record('wc1', 'settings')).toMatchObject({
      status: 'InSync',
      driftCount: before?.driftCount,
      lastCorrection: before?.lastCorrection,
    });
    expect(record('wc2', 'contested')?.status).toBe('Contested');
    expect(notifier.events.filter((e) => e.type === 'drift')).toEqual([]);
  });

  it('marks a cluster whose API server stopped Unreachable and keeps correcting the others', async () => {
    await env.cluster('wc2').server.stop();
    await until(
      () => controller.snapshot().find((s) => s.cluster.id === 'fleet/wc2')?.cluster.reachable === false,
      15_000,
      'unreachable',
    );
    await intrude('wc1', 'settings', { level: '9' });
    await until(
      async () =>
        notifier.of('corrected', 'wc1', 'settings').length > 0 &&
        (await data('wc1', 'settings'))?.level === '3',
      5000,
      'wc1 corrected',
    );
    await env.cluster('wc2').server.start();
    await until(
      () => controller.snapshot().find((s) => s.cluster.id === 'fleet/wc2')?.cluster.reachable === true,
      20_000,
      'reachable again',
    );
  });
});
