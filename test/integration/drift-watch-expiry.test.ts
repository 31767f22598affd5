// Watches end: the API server closes every watch after --min-request-timeout (here 2–4 s). The
// controller must re-establish them and keep detecting drift within a second, on a real server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DriftMetrics } from '../../src/adapters/metrics/prometheus.js';
import { DriftController } from '../../src/controller/drift-controller.js';
import { CapiFleet } from '../../src/controller/fleet.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { DirStateStore } from '../../src/controller/state-store.js';
import type { TestEnv } from '../env/harness.js';
import { CONFIGMAPS, RecordingNotifier, startFleet, until, writeTree } from '../support/drift-fixture.js';

const profile = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: expiry}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  correction: Auto
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: long-lived, namespace: team-a}
      data: {mode: strict}
`;

let env: TestEnv;
let controller: DriftController;
const metrics = new DriftMetrics();
const notifier = new RecordingNotifier();

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } }, ['--min-request-timeout=2']);
  const dir = writeTree({ 'p.yaml': profile });
  controller = new DriftController({
    profiles: loadProfiles(dir),
    fleet: new CapiFleet(env.cluster('mgmt').client),
    store: new DirStateStore(writeTree({})),
    notifier,
    metrics,
    flushMs: 100,
  });
  await controller.start();
  await until(
    async () => (await env.cluster('wc1').client.get(CONFIGMAPS, 'team-a', 'long-lived')) !== undefined,
    30_000,
    'deploy',
  );
});
afterAll(async () => {
  await controller?.stop();
  await env?.stop();
});

it('keeps detecting and correcting drift after the server has closed its watches several times', async () => {
  await until(
    async () => {
      const text = await metrics.registry.getSingleMetricAsString('driftline_watch_restarts_total');
      const restarts = [...text.matchAll(/^driftline_watch_restarts_total\{.*\} (\d+)$/gm)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
      return restarts >= 3;
    },
    30_000,
    'three watch restarts',
  );

  const started = Date.now();
  await env.cluster('wc1').client.apply(
    CONFIGMAPS,
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'long-lived', namespace: 'team-a' },
      data: { mode: 'lax' },
    },
    { fieldManager: 'intruder', force: true },
  );
  await until(() => notifier.of('drift', 'wc1', 'long-lived').length > 0, 10_000, 'the drift event');
  expect(Date.now() - started).toBeLessThan(5_000);
  await until(
    async () =>
      (
        (await env.cluster('wc1').client.get(CONFIGMAPS, 'team-a', 'long-lived'))?.data as
          | { mode?: string }
          | undefined
      )?.mode === 'strict',
    10_000,
    'the correction',
  );
});
