// Drift state that cannot be read is never written over: the state store's user may not list the
// state ConfigMaps (RBAC) but may write them, so starting empty would overwrite the stored history.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import type { DriftController } from '../../src/controller/drift-controller.js';
import type { StateStore } from '../../src/controller/ports.js';
import { ConfigMapStateStore, STATE_NAMESPACE } from '../../src/controller/state-store.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { ClusterState } from '../../src/profiles/state.js';
import type { TestEnv } from '../env/harness.js';
import { fleetController, startFleet, until, writeTree } from '../support/drift-fixture.js';

const PROFILE = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: baseline}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: strict}
`;
const RECORD = 'baseline|core/ConfigMap/team-a/settings';
const RBAC = 'rbac.authorization.k8s.io';

let env: TestEnv;
let dir: string;
let admin: ConfigMapStateStore;

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } });
  dir = writeTree({ 'baseline.yaml': PROFILE });
  admin = new ConfigMapStateStore(env.cluster('mgmt').client);
});
afterAll(async () => {
  await env?.stop();
});

function controller(store: StateStore): DriftController {
  return fleetController(env, dir, { store, flushMs: 50 });
}

async function grant(verbs: string[]): Promise<void> {
  const client = env.cluster('mgmt').client;
  const role = {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'drift-state', namespace: STATE_NAMESPACE },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs }],
  } as KubeObject;
  await client.apply(await client.resolve({ group: RBAC, kind: 'Role' }), role, {
    fieldManager: 'test',
    force: true,
  });
}

async function setUpLimitedWriter(): Promise<void> {
  await grant(['get', 'create', 'patch', 'update']);
  await env.create('mgmt', [
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'drift-state', namespace: STATE_NAMESPACE },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'drift-state' },
      subjects: [{ kind: 'User', name: 'limited', apiGroup: RBAC }],
    } as KubeObject,
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: 'namespace-creator' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['create'] }],
    } as KubeObject,
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'limited-creates-namespaces' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'namespace-creator' },
      subjects: [{ kind: 'User', name: 'limited', apiGroup: RBAC }],
    } as KubeObject,
  ]);
}

it('waits while the state cannot be read, never writes over it, and resumes with its history', async () => {
  const first = controller(admin);
  await first.start();
  await first.ready();
  await first.stop();
  const history = (await admin.load('fleet/wc1')) as ClusterState;
  history.objects[RECORD] = {
    ...history.objects[RECORD]!,
    driftCount: 7,
    lastCorrection: { at: '2024-01-01T00:00:00.000Z', by: 'auto', result: 'corrected' },
  };
  await admin.save(history);
  await setUpLimitedWriter();

  const limited = new ConfigMapStateStore(
    KubeClient.connect({ inline: env.cluster('mgmt').server.limitedKubeconfig }),
  );
  const running = controller(limited);
  try {
    await running.start();
    await running.ready();
    expect(running.snapshot()).toMatchObject([
      {
        cluster: {
          id: 'fleet/wc1',
          reachable: false,
          lastError: expect.stringMatching(/^cannot read drift state: .*forbidden/i),
          profiles: ['baseline'],
        },
        objects: {},
      },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await admin.load('fleet/wc1'))?.objects[RECORD]).toMatchObject({ driftCount: 7 });

    await grant(['get', 'list', 'create', 'patch', 'update']);
    await until(
      () => running.snapshot()[0]?.objects[RECORD]?.driftCount === 7,
      20_000,
      'state read after RBAC allows it',
    );
    expect(running.snapshot()[0]?.cluster).toMatchObject({ reachable: true });
  } finally {
    await running.stop();
  }
  expect((await admin.load('fleet/wc1'))?.objects[RECORD]).toMatchObject({
    driftCount: 7,
    lastCorrection: { at: '2024-01-01T00:00:00.000Z' },
  });
});

it('treats a damaged shard as unreadable: named in the reason, never written over, read once repaired', async () => {
  const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
  const client = env.cluster('mgmt').client;
  const good = (await admin.load('fleet/wc1')) as ClusterState;
  const name = (await client.list(configmaps, { namespace: STATE_NAMESPACE })).items.find(
    (cm) => cm.metadata.annotations?.['driftline.dev/cluster'] === 'fleet/wc1',
  )!.metadata.name;
  const damaged = JSON.stringify({ ...good, cluster: { ...good.cluster, reachable: 'sometimes' } });
  const put = (text: string) =>
    client.patch(configmaps, STATE_NAMESPACE, name, { data: { 'state.json': text } }, 'merge');
  await put(damaged);
  const running = controller(admin);
  try {
    await running.start();
    await running.ready();
    expect(running.snapshot()[0]?.cluster.lastError).toMatch(
      new RegExp(`^cannot read drift state: configmap ${STATE_NAMESPACE}/${name}: cluster\\.reachable: `),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const stored = (await client.get(configmaps, STATE_NAMESPACE, name))?.data as Record<string, string>;
    expect(stored['state.json']).toBe(damaged);
    await put(`${JSON.stringify(good, null, 1)}\n`);
    await until(
      () => running.snapshot()[0]?.objects[RECORD]?.driftCount === 7,
      20_000,
      'state read once repaired',
    );
  } finally {
    await running.stop();
  }
});
