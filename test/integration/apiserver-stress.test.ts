// Regression guard for the test environment itself: kube-apiserver 1.20 built with Go >= 1.18
// and the vendored reflect2 1.0.1 dies (SIGSEGV in mapiterinit) after a few thousand JSON
// encodings of maps. With reflect2 1.0.2 patched in, it must survive this load.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { mapLimit } from '../../src/common/concurrency.js';
import { TestEnv } from '../env/harness.js';

const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const TOTAL = 10_000;

let env: TestEnv;
beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['stress'] });
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
  expect((await client.version()).gitVersion).toMatch(/^v1\./);
});
