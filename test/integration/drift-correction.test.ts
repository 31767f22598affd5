// Corrections against a real API server: excluded fields keep their live values through a
// correction and a profile change, and a correction made by another Driftline process
// (`drift correct`) is reported by the running controller as a correction, not a recovery.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftController } from '../../src/controller/drift-controller.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { ConfigMapStateStore } from '../../src/controller/state-store.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { TestEnv } from '../env/harness.js';
import {
  CONFIGMAPS,
  DEPLOYMENTS,
  fleetController,
  MANUAL_PROFILE,
  RecordingNotifier,
  startFleet,
  until,
  writeTree,
} from '../support/drift-fixture.js';

const web = (image: string): string => `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: web}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  correction: Auto
  resources:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: team-a}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: app, image: "${image}"}]
  driftExclusions:
    - paths: [/spec/replicas]
`;
const MANUAL = MANUAL_PROFILE;

let env: TestEnv;
let dir: string;
let controller: DriftController;
let notifier: RecordingNotifier;

const kubectl = (...args: string[]): string =>
  execFileSync(
    'kubectl',
    ['--kubeconfig', env.cluster('wc1').server.kubeconfigPath, '-n', 'team-a', ...args],
    {
      encoding: 'utf8',
    },
  );

async function deployment(): Promise<{ replicas?: number; image?: string }> {
  const d = await env.cluster('wc1').client.get(DEPLOYMENTS, 'team-a', 'web');
  const spec = d?.spec as { replicas?: number; template: { spec: { containers: { image: string }[] } } };
  return { replicas: spec.replicas, image: spec.template.spec.containers[0]?.image };
}

const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'manual', namespace: 'team-a' } };
const intrude = (owner: string): Promise<KubeObject> => {
  const client = env.cluster('wc1').client;
  return client.apply(CONFIGMAPS, { ...CM, data: { owner } }, { fieldManager: 'intruder', force: true });
};

const mgmtStore = (): ConfigMapStateStore => new ConfigMapStateStore(env.cluster('mgmt').client);

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } });
  dir = writeTree({ 'web.yaml': web('nginx:1.25'), 'manual.yaml': MANUAL });
  notifier = new RecordingNotifier();
  controller = fleetController(env, dir, { store: mgmtStore(), notifier });
  await controller.start();
  await controller.ready();
});
afterAll(async () => {
  await controller?.stop();
  await env?.stop();
});

describe('excluded fields', () => {
  it('deploys the declared value first, then keeps a scaled replica count through a correction of the image', async () => {
    expect(await deployment()).toEqual({ replicas: 2, image: 'nginx:1.25' });
    kubectl('scale', 'deployment/web', '--replicas=5');
    kubectl('set', 'image', 'deployment/web', 'app=nginx:1.26');
    const corrected = await until(() => notifier.of('corrected', 'wc1', 'web')[0], 10_000, 'correction');
    expect(corrected.diff).toEqual([
      { path: '/spec/template/spec/containers/0/image', op: 'replace', old: 'nginx:1.25', new: 'nginx:1.26' },
    ]);
    expect(await deployment()).toEqual({ replicas: 5, image: 'nginx:1.25' });
  });

  it('still keeps it on the next correction and when the profile changes (field ownership resets nothing)', async () => {
    kubectl('set', 'image', 'deployment/web', 'app=nginx:1.27');
    await until(() => notifier.of('corrected', 'wc1', 'web').length === 2, 10_000, 'second correction');
    expect(await deployment()).toEqual({ replicas: 5, image: 'nginx:1.25' });

    writeFileSync(join(dir, 'web.yaml'), web('nginx:1.28'));
    await controller.setProfiles(loadProfiles(dir));
    await controller.ready();
    await until(async () => (await deployment()).image === 'nginx:1.28', 10_000, 'profile change deployed');
    expect(await deployment()).toEqual({ replicas: 5, image: 'nginx:1.28' });
  });
});

describe('a correction by another Driftline process', () => {
  it('is reported as corrected by manual request, not as recovered', async () => {
    await intrude('someone');
    await until(() => notifier.of('drift', 'wc1', 'manual')[0], 10_000, 'drift event');

    // What `driftline drift correct` does, in its own process with its own store client.
    const correct = fleetController(env, dir, { store: mgmtStore(), watch: false, passive: true });
    await correct.start();
    await correct.ready();
    const outcome = await correct.correct({
      profile: 'manual',
      cluster: 'wc1',
      resource: 'ConfigMap/team-a/manual',
    });
    await correct.stop();
    expect(outcome).toMatchObject([{ correction: { by: 'manual', result: 'corrected' } }]);

    const event = await until(() => notifier.of('corrected', 'wc1', 'manual')[0], 10_000, 'corrected event');
    expect(event).toMatchObject({ by: 'manual', status: 'InSync', diff: [{ path: '/data/owner' }] });
    await new Promise((r) => setTimeout(r, 1000));
    expect(notifier.of('recovered', 'wc1', 'manual')).toEqual([]);
  });

  it('still reports recovered when the person who changed it changes it back', async () => {
    await intrude('someone else');
    await until(() => notifier.of('drift', 'wc1', 'manual').length === 2, 10_000, 'second drift');
    await intrude('platform');
    await until(() => notifier.of('recovered', 'wc1', 'manual')[0], 10_000, 'recovered event');
    expect(notifier.of('corrected', 'wc1', 'manual')).toHaveLength(1);
  });
});
