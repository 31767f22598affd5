// `prune: true`: objects a profile deployed and no longer declares are deleted from the workload
// cluster, on a restart and on a live reload; never an object relabelled by someone else, never
// the objects of a profile without prune.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DriftMetrics } from '../../src/adapters/metrics/prometheus.js';
import { DriftController } from '../../src/controller/drift-controller.js';
import { CapiFleet } from '../../src/controller/fleet.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { DirStateStore } from '../../src/controller/state-store.js';
import type { TestEnv } from '../env/harness.js';
import { CONFIGMAPS, RecordingNotifier, startFleet, until, writeTree } from '../support/drift-fixture.js';

const configMap = (name: string) =>
  `    - {apiVersion: v1, kind: ConfigMap, metadata: {name: ${name}, namespace: team-a}, data: {k: v}}`;
const profiles = (pruning: string[], keeping: string[]) => `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: pruning}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  prune: true
  resources:
${pruning.map(configMap).join('\n')}
---
apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: keeping}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
${keeping.map(configMap).join('\n')}
`;

let env: TestEnv;
let controller: DriftController | undefined;
const stateDir = writeTree({});

const start = async (text: string): Promise<DriftController> => {
  const c = new DriftController({
    profiles: loadProfiles(writeTree({ 'p.yaml': text })),
    fleet: new CapiFleet(env.cluster('mgmt').client),
    store: new DirStateStore(stateDir),
    notifier: new RecordingNotifier(),
    metrics: new DriftMetrics(),
    flushMs: 50,
  });
  await c.start();
  return c;
};
const exists = async (name: string) =>
  (await env.cluster('wc1').client.get(CONFIGMAPS, 'team-a', name)) !== undefined;
const all = (names: string[]) => async () => (await Promise.all(names.map(exists))).every(Boolean);

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } });
});
afterAll(async () => {
  await controller?.stop();
  await env?.stop();
});

it('deletes on restart what the pruning profile dropped, except an object someone relabelled', async () => {
  controller = await start(profiles(['a', 'b', 'taken'], ['c', 'd']));
  await until(all(['a', 'b', 'taken', 'c', 'd']), 30_000, 'the first deployment');
  await controller.stop();
  await env
    .cluster('wc1')
    .client.patch(
      CONFIGMAPS,
      'team-a',
      'taken',
      { metadata: { labels: { 'driftline.dev/profile': 'someone-else' } } },
      'merge',
    );

  controller = await start(profiles(['a'], ['d']));
  await until(async () => !(await exists('b')), 30_000, 'b to be pruned');
  expect(await exists('a')).toBe(true);
  expect(await exists('taken')).toBe(true);
  expect(await exists('c')).toBe(true);
});

it('deletes what a live reload dropped and deploys what it added', async () => {
  await controller!.setProfiles(loadProfiles(writeTree({ 'p.yaml': profiles(['e'], ['d']) })));
  await until(async () => (await exists('e')) && !(await exists('a')), 30_000, 'a pruned and e deployed');
  expect(await exists('d')).toBe(true);
});
