// Deploying against a real API server: a profile's Namespace goes first, so objects in it never
// fail; a deploy that fails (namespace missing) stays Pending with the reason and is retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACES } from '../../src/adapters/kube/namespaces.js';
import type { DriftController } from '../../src/controller/drift-controller.js';
import { DirStateStore } from '../../src/controller/state-store.js';
import type { ObjectRecord } from '../../src/profiles/state.js';
import type { TestEnv } from '../env/harness.js';
import { CONFIGMAPS, fleetController, startFleet, until, writeTree } from '../support/drift-fixture.js';
import { simpleCrd } from '../support/simple-crd.js';

const configMaps = (namespace: string, count: number): string =>
  Array.from(
    { length: count },
    (_, i) =>
      `    - {apiVersion: v1, kind: ConfigMap, metadata: {name: cm-${i}, namespace: ${namespace}}, data: {i: "${i}"}}`,
  ).join('\n');

// The Namespace is declared last: deploying in declaration order would race it.
const PROFILES = {
  'together.yaml': `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: together}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
${configMaps('team-new', 24)}
    - {apiVersion: v1, kind: Namespace, metadata: {name: team-new}}
`,
  'late.yaml': `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: late}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: waiting, namespace: team-late}, data: {a: "1"}}
`,
  // A CRD and an object of its kind: the kind is not served until the CRD is deployed.
  'widgets.yaml': `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: widgets}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
    - {apiVersion: example.driftline.dev/v1, kind: Widget, metadata: {name: w1, namespace: team-a}, spec: {size: 3}}
    - ${JSON.stringify(simpleCrd('example.driftline.dev', 'Widget'))}
`,
};

let env: TestEnv;
let controller: DriftController;

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } });
  controller = fleetController(env, writeTree(PROFILES), { store: new DirStateStore(writeTree({})) });
  await controller.start();
  await controller.ready();
});
afterAll(async () => {
  await controller?.stop();
  await env?.stop();
});

const records = (profile: string): ObjectRecord[] =>
  Object.values(controller.snapshot()[0]?.objects ?? {}).filter((r) => r.profile === profile);

describe('deploy order', () => {
  it('deploys a Namespace and the objects in it together without leaving any Pending', async () => {
    const statuses = records('together').map((r) => r.status);
    expect(statuses).toHaveLength(25);
    expect(statuses.filter((s) => s !== 'InSync')).toEqual([]);
    const { items } = await env.cluster('wc1').client.list(CONFIGMAPS, { namespace: 'team-new' });
    expect(items.filter((i) => i.metadata.name.startsWith('cm-'))).toHaveLength(24);
  });
});

describe('failed deploys', () => {
  it('reports a deploy whose namespace is missing as Pending with the reason, and retries it once the namespace exists', async () => {
    expect(records('late')).toMatchObject([
      {
        name: 'waiting',
        status: 'Pending',
        message: expect.stringMatching(/namespaces "team-late" not found; retrying in \d+ s$/),
      },
    ]);
    await env.cluster('wc1').client.create(NAMESPACES, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-late' },
    });
    await until(() => records('late')[0]?.status === 'InSync', 15_000, 'retried deploy');
    const cm = await env.cluster('wc1').client.get(CONFIGMAPS, 'team-late', 'waiting');
    expect(cm?.data).toEqual({ a: '1' });
  });
});

describe('custom resources', () => {
  it('deploys an object of a kind that a CRD of the same profiles defines, once that CRD is served', async () => {
    await until(() => records('widgets').length === 2, 15_000, 'widget resolved');
    await until(() => records('widgets').every((r) => r.status === 'InSync'), 15_000, 'widget deployed');
    const client = env.cluster('wc1').client;
    const widgets = await client.resolve({ group: 'example.driftline.dev', kind: 'Widget' });
    expect((await client.get(widgets, 'team-a', 'w1'))?.spec).toEqual({ size: 3 });
  });
});
