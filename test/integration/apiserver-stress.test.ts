// Regression guard for the test environment itself: kube-apiserver 1.20 built with Go >= 1.18 and
// the vendored reflect2 1.0.1 crashes (SIGSEGV in mapiterinit) under server-side apply of objects
// with nested maps. Checked on 2026-11-22: a build without the reflect2 1.0.2 patch died within
// the first few hundred applies of the custom-resource workload below; the patched build survives.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { mapLimit } from '../../src/common/concurrency.js';
import { TestEnv } from '../env/harness.js';
import { simpleCrd } from '../support/simple-crd.js';

const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const TOTAL = 10_000;
const widgetCrd = simpleCrd('stress.driftline.dev', 'Widget');

let env: TestEnv;
beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['stress'] });
  await env.installCrds('stress', [widgetCrd]);
});
afterAll(async () => {
  await env?.stop();
});

it('survives 10,000 creates of map-valued objects with concurrent lists, a watch and server-side apply', async () => {
  const { client, server } = env.cluster('stress');
  let added = 0;
  const handle = await client.watch(
    configmaps,
    { namespace: 'default' },
    (e) => {
      if (e.type === 'ADDED') added++;
    },
    () => undefined,
  );

  await mapLimit(
    Array.from({ length: TOTAL }, (_, i) => i),
    32,
    async (i) => {
      const name = `stress-${i}`;
      const metadata = { name, namespace: 'default', labels: { batch: String(i % 10) } };
      if (i % 10 === 0) {
        await client.apply(
          configmaps,
          { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { i: String(i), kind: 'applied' } },
          { fieldManager: 'stress' },
        );
      } else {
        await client.create(configmaps, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata,
          data: { i: String(i), a: 'x', b: 'y' },
        });
      }
      if (i % 1000 === 999) {
        const page = await client.list(configmaps, {
          namespace: 'default',
          labelSelector: 'batch=3',
          limit: 100,
        });
        expect(page.items.length).toBeGreaterThan(0);
      }
    },
  );

  const all = await client.list(configmaps, { namespace: 'default', limit: 500 });
  expect(all.items.filter((c) => c.metadata.name.startsWith('stress-'))).toHaveLength(TOTAL);
  await expect.poll(() => added, { timeout: 30_000 }).toBeGreaterThanOrEqual(TOTAL);
  handle.stop();
  expect(server.running()).toBe(true);
});

it('survives 3,000 server-side applies of custom resources with nested maps by competing managers', async () => {
  const { client, server } = env.cluster('stress');
  const widgets = await client.resolve({ group: 'stress.driftline.dev', kind: 'Widget' });
  await mapLimit(
    Array.from({ length: 3_000 }, (_, i) => i),
    32,
    async (i) => {
      const labels = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`k${k}`, `v${i % 7}`]));
      await client.apply(
        widgets,
        {
          apiVersion: 'stress.driftline.dev/v1',
          kind: 'Widget',
          metadata: { name: `w${i % 300}`, namespace: 'default', labels, annotations: { round: String(i) } },
          spec: { m: { a: String(i), b: { c: String(i) } }, list: [{ x: i }] },
        },
        { fieldManager: `manager-${i % 3}`, force: true },
      );
      if (i % 300 === 0) await client.list(widgets, { limit: 100 });
    },
  );
  expect(server.running()).toBe(true);
  expect((await client.version()).gitVersion).toMatch(/^v1\./);
  expect((await client.list(widgets)).items).toHaveLength(300);
});
