// Drift state in the management cluster with two writers (`drift run` and `drift correct`): a save
// is conditional on the version last loaded, so one writer can never silently overwrite the other.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { ConfigMapStateStore } from '../../src/controller/state-store.js';
import type { ClusterState } from '../../src/profiles/state.js';
import { TestEnv } from '../env/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
});
afterAll(async () => {
  await env?.stop();
});

const state = (since: string): ClusterState => ({
  version: 1,
  cluster: { id: 'fleet/wc1', reachable: true, since, profiles: ['p'] },
  objects: {},
});

it('rejects a save based on a stale load with kube.conflict, and accepts it after reloading', async () => {
  const run = new ConfigMapStateStore(env.cluster('mgmt').client);
  const correct = new ConfigMapStateStore(
    KubeClient.connect({ inline: env.cluster('mgmt').server.kubeconfig }),
  );
  await run.load('fleet/wc1');
  await run.save(state('first'));

  await run.load('fleet/wc1');
  await correct.load('fleet/wc1');
  await correct.save(state('written by drift correct'));
  await expect(run.save(state('stale'))).rejects.toMatchObject({ code: 'kube.conflict' });
  expect((await correct.load('fleet/wc1'))?.cluster.since).toBe('written by drift correct');

  await run.load('fleet/wc1');
  await run.save(state('after reload'));
  expect((await correct.load('fleet/wc1'))?.cluster.since).toBe('after reload');
});
