// The kube adapter against a real kube-apiserver 1.20 + etcd: discovery, pagination, watch,
// server-side apply, and a clear typed error (not a hang) when the server goes away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient, KubeError, type ResourceRef, type WatchEvent } from '../../src/adapters/kube/index.js';
import { mapLimit } from '../../src/common/concurrency.js';
import { TestEnv } from '../env/harness.js';
import { simpleCrd } from '../support/simple-crd.js';

const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const namespaces: ResourceRef = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };

const widgetCrd = simpleCrd('example.driftline.dev', 'Widget');

let env: TestEnv;
let client: KubeClient;

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['main', 'doomed'] });
  client = env.cluster('main').client;
  await env.installCrds('main', [widgetCrd]);
  await client.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'paging' } });
});

afterAll(async () => {
  await env?.stop();
});

describe('discovery', () => {
  it('finds core resources with their scope, verbs and preferred version', async () => {
    const { resources, failures } = await client.discover();
    expect(failures).toEqual([]);
    const cm = resources.find((r) => r.group === '' && r.resource === 'configmaps');
    expect(cm).toMatchObject({ version: 'v1', kind: 'ConfigMap', namespaced: true, preferred: true });
    expect(cm?.verbs).toEqual(expect.arrayContaining(['list', 'watch', 'create', 'patch', 'delete']));
    expect(resources.find((r) => r.resource === 'namespaces')?.namespaced).toBe(false);
    expect(resources.some((r) => r.resource.includes('/'))).toBe(false);
  });

  it('finds custom resources once their CRD is established', async () => {
    const widget = await client.resolve({ group: 'example.driftline.dev', kind: 'Widget' });
    expect(widget).toMatchObject({ resource: 'widgets', version: 'v1', namespaced: true, preferred: true });
  });

  it('marks only the preferred version of a group with several versions', async () => {
    const { resources } = await client.discover();
    const autoscaling = resources.filter(
      (r) => r.group === 'autoscaling' && r.resource === 'horizontalpodautoscalers',
    );
    expect(autoscaling.length).toBeGreaterThan(1);
    expect(autoscaling.filter((r) => r.preferred).map((r) => r.version)).toEqual(['v1']);
  });
});

describe('pagination', () => {
  it('returns every object when there is more than one page', async () => {
    const names = Array.from({ length: 1234 }, (_, i) => `cm-${String(i).padStart(4, '0')}`);
    await mapLimit(names, 16, (name) =>
      client.create(configmaps, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'paging' },
        data: { name },
      }),
    );
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of client.listPages(configmaps, { namespace: 'paging', limit: 500 })) {
      pages.push(page.items.length);
      for (const item of page.items) {
        expect(item.kind).toBe('ConfigMap');
        expect(item.apiVersion).toBe('v1');
        seen.push(item.metadata.name);
      }
    }
    expect(pages).toEqual([500, 500, 234]);
    expect(seen.sort()).toEqual(names);
  });

  it('asks for the next page while the previous one is still arriving (token read from its head)', async () => {
    const events: string[] = [];
    const request = client.transport.request.bind(client.transport);
    let requests = 0;
    client.transport.request = ((req: Parameters<typeof request>[0]) => {
      const n = requests++;
      events.push(`start ${n}`);
      const answer = request(req);
      answer.then(() => events.push(`done ${n}`)).catch(() => undefined);
      return answer;
    }) as typeof client.transport.request;
    try {
      let items = 0;
      for await (const page of client.listPages(configmaps, { namespace: 'paging', limit: 500 }))
        items += page.items.length;
      expect(items).toBe(1234);
    } finally {
      client.transport.request = request;
    }
    expect(requests).toBe(3);
    expect(events.indexOf('start 1')).toBeLessThan(events.indexOf('done 0'));
    expect(events.indexOf('start 2')).toBeLessThan(events.indexOf('done 1'));
  });

  it('pages through custom resources, whose lists carry the token after the items', async () => {
    const widgets = await client.resolve({ group: 'example.driftline.dev', kind: 'Widget' });
    const names = Array.from({ length: 50 }, (_, i) => `w-${String(i).padStart(2, '0')}`);
    await mapLimit(names, 16, (name) =>
      client.create(widgets, {
        apiVersion: 'example.driftline.dev/v1',
        kind: 'Widget',
        metadata: { name, namespace: 'paging', labels: { padding: 'x'.repeat(60) } },
        spec: { size: name.length, note: 'y'.repeat(200) },
      }),
    );
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of client.listPages(widgets, { namespace: 'paging', limit: 20 })) {
      pages.push(page.items.length);
      seen.push(...page.items.map((w) => w.metadata.name));
    }
    expect(pages).toEqual([20, 20, 10]);
    expect(seen).toEqual(names);
  });
});

describe('watch', () => {
  it('delivers add, modify and delete events for custom resources', async () => {
    const widgets = await client.resolve({ group: 'example.driftline.dev', kind: 'Widget' });
    const events: WatchEvent[] = [];
    const { resourceVersion } = await client.list(widgets, { namespace: 'default' });
    const handle = await client.watch(
      widgets,
      { namespace: 'default', resourceVersion },
      (e) => events.push(e),
      () => undefined,
    );
    const widget = {
      apiVersion: 'example.driftline.dev/v1',
      kind: 'Widget',
      metadata: { name: 'w1', namespace: 'default' },
      spec: { size: 1 },
    };
    await client.create(widgets, widget);
    await client.patch(widgets, 'default', 'w1', { spec: { size: 2 } }, 'merge');
    await client.delete(widgets, 'default', 'w1');
    await expect
      .poll(() => events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.type), { timeout: 10_000 })
      .toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    handle.stop();
    const modified = events.find((e) => e.type === 'MODIFIED');
    expect(modified?.object.spec).toEqual({ size: 2 });
    expect(modified?.object.apiVersion).toBe('example.driftline.dev/v1');
  });
});

describe('server-side apply', () => {
  it('creates, then updates, with the field manager recorded', async () => {
    const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' } };
    const created = await client.apply(
      configmaps,
      { ...base, data: { a: '1' } },
      { fieldManager: 'driftline' },
    );
    expect(created.data).toEqual({ a: '1' });
    const updated = await client.apply(
      configmaps,
      { ...base, data: { a: '2', b: '3' } },
      { fieldManager: 'driftline' },
    );
    expect(updated.data).toEqual({ a: '2', b: '3' });
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    const managers = (updated.metadata.managedFields as { manager: string; operation: string }[]).map((m) => [
      m.manager,
      m.operation,
    ]);
    expect(managers).toContainEqual(['driftline', 'Apply']);
  });

  it('reports a conflict with another manager unless forced', async () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'contested', namespace: 'default' },
      data: { k: 'mine' },
    };
    await client.apply(configmaps, obj, { fieldManager: 'driftline' });
    const other = { ...obj, data: { k: 'theirs' } };
    await expect(client.apply(configmaps, other, { fieldManager: 'someone-else' })).rejects.toMatchObject({
      code: 'kube.conflict',
    });
    const forced = await client.apply(configmaps, other, { fieldManager: 'someone-else', force: true });
    expect(forced.data).toEqual({ k: 'theirs' });
  });
});

describe('errors', () => {
  it('turns a missing object into undefined and a bad token into kube.unauthorized', async () => {
    expect(await client.get(configmaps, 'default', 'nope')).toBeUndefined();
    const bad = env.cluster('main').server.kubeconfig.replace(/token: .*/, 'token: expired-token');
    const stranger = KubeClient.connect({ inline: bad });
    await expect(stranger.list(configmaps)).rejects.toMatchObject({ code: 'kube.unauthorized' });
    stranger.close();
  });

  it('fails a stopped API server with kube.unreachable after bounded retries, not a hang', async () => {
    const doomed = env.cluster('doomed');
    await doomed.server.stop();
    const c = KubeClient.connect({
      inline: doomed.server.kubeconfig,
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    });
    const started = Date.now();
    const err = await c.list(configmaps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ code: 'kube.unreachable', attempts: 3 });
    expect((err as Error).message).toContain(doomed.server.url);
    expect(Date.now() - started).toBeLessThan(5_000);
    c.close();
  });
});
