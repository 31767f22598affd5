import { describe, expect, it } from 'vitest';
import { KubeError } from '../adapters/kube/errors.js';
import type {
  ListOptions,
  ListPage,
  ResourceRef,
  WatchEvent,
  WatchHandle,
  WatchOptions,
} from '../adapters/kube/interfaces.js';
import type { KubeObject } from '../model/resource-key.js';
import { Informer } from './informer.js';

const ref: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const cm = (name: string, rv: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'a', resourceVersion: rv },
});

// A scripted Lister & Watcher: each list returns the next page (or throws), each watch hands its callbacks to the test.
class FakeServer {
  lists: (ListPage | Error)[] = [];
  watches: { options: WatchOptions; emit: (e: WatchEvent) => void; done: (err?: Error) => void }[] = [];
  listCalls: ListOptions[] = [];
  async list(_ref: ResourceRef, options: ListOptions = {}): Promise<ListPage> {
    this.listCalls.push(options);
    const next = this.lists.shift() ?? { items: [], resourceVersion: '1' };
    if (next instanceof Error) throw next;
    return next;
  }
  async *listPages(): AsyncGenerator<ListPage> {}
  async watch(
    _ref: ResourceRef,
    options: WatchOptions,
    emit: (e: WatchEvent) => void,
    done: (err?: Error) => void,
  ): Promise<WatchHandle> {
    this.watches.push({ options, emit, done });
    return { stop: () => undefined };
  }
}

function start(server: FakeServer): { informer: Informer; log: string[] } {
  const log: string[] = [];
  const informer = new Informer(
    server,
    ref,
    {
      upsert: (o) => log.push(`upsert ${o.metadata.name}@${o.metadata.resourceVersion}`),
      remove: (o) => log.push(`remove ${o.metadata.name}`),
      synced: () => log.push('synced'),
      failed: (e) => log.push(`failed ${(e as KubeError).code}`),
      restarted: (r) => log.push(`restarted ${r}`),
    },
    { labelSelector: 'app.kubernetes.io/managed-by=driftline', backoffMs: 1, maxBackoffMs: 2 },
  );
  informer.start();
  return { informer, log };
}

const tick = (ms = 10): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Informer', () => {
  it('lists with the label selector, then watches from the list resourceVersion', async () => {
    const server = new FakeServer();
    server.lists = [{ items: [cm('x', '5')], resourceVersion: '7' }];
    const { informer, log } = start(server);
    await tick();
    expect(server.listCalls[0]?.labelSelector).toBe('app.kubernetes.io/managed-by=driftline');
    expect(server.watches[0]?.options.resourceVersion).toBe('7');
    server.watches[0]!.emit({ type: 'MODIFIED', object: cm('x', '8') });
    server.watches[0]!.emit({ type: 'DELETED', object: cm('x', '9') });
    expect(log).toEqual(['upsert x@5', 'synced', 'upsert x@8', 'remove x']);
    expect(informer.get('core/ConfigMap/a/x')).toBeUndefined();
    informer.stop();
  });

  it('re-lists after the watch expires (410) and reports objects deleted meanwhile', async () => {
    const server = new FakeServer();
    server.lists = [
      { items: [cm('x', '5'), cm('y', '5')], resourceVersion: '7' },
      { items: [cm('y', '5')], resourceVersion: '20' },
    ];
    const { informer, log } = start(server);
    await tick();
    server.watches[0]!.emit({
      type: 'ERROR',
      object: { kind: 'Status', code: 410 } as unknown as KubeObject,
    });
    await tick();
    expect(log.slice(3)).toEqual(['restarted expired', 'remove x', 'synced']);
    expect(server.watches[1]?.options.resourceVersion).toBe('20');
    informer.stop();
  });

  it('reports an unreachable server, retries, and re-syncs when it is back', async () => {
    const server = new FakeServer();
    server.lists = [
      { items: [cm('x', '5')], resourceVersion: '7' },
      new KubeError('kube.unreachable', 'refused'),
      { items: [cm('x', '6')], resourceVersion: '9' },
    ];
    const { informer, log } = start(server);
    await tick();
    server.watches[0]!.done();
    await tick(30);
    expect(log).toEqual([
      'upsert x@5',
      'synced',
      'restarted closed',
      'failed kube.unreachable',
      'upsert x@6',
      'synced',
    ]);
    informer.stop();
  });
});
