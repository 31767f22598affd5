import { describe, expect, it } from 'vitest';
import type { ListOptions, ListPage, ResourceRef } from '../adapters/kube/interfaces.js';
import type { KubeObject } from '../model/resource-key.js';
import { listResourcePages, remainingNamespaces } from './resource-pages.js';

const cm = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name },
});
const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

/** A fake API server holding objects in etcd key order, paging like the real one. */
function fakeServer(objects: KubeObject[], failIn?: string) {
  const sorted = [...objects].sort((a, b) =>
    Buffer.compare(
      Buffer.from(`${a.metadata.namespace}/${a.metadata.name}`),
      Buffer.from(`${b.metadata.namespace}/${b.metadata.name}`),
    ),
  );
  return {
    async *listPages(_ref: ResourceRef, options: ListOptions = {}): AsyncGenerator<ListPage> {
      const all = sorted.filter((o) => !options.namespace || o.metadata.namespace === options.namespace);
      const limit = options.limit ?? 500;
      for (let i = 0; i < all.length; i += limit) {
        await new Promise((r) => setTimeout(r, 1));
        if (failIn && options.namespace === failIn && i > 0) throw new Error(`list in ${failIn} failed`);
        yield {
          items: all.slice(i, i + limit),
          resourceVersion: '1',
          remainingItemCount: all.length - i - limit,
        };
      }
    },
  };
}

describe('listing a resource for a backup', () => {
  it.each<[string, string[], string, string[]]>([
    [
      'keeps namespaces after the key, in etcd byte order',
      ['a', 'a-b', 'ab', 'b'],
      'a-b/x',
      ['a', 'a-b', 'ab', 'b'],
    ],
    ['drops namespaces wholly before it', ['a', 'a-b', 'ab', 'b'], 'ab/x', ['ab', 'b']],
    ['keeps the namespace the key is in', ['default', 'kube-system'], 'kube-system/cm', ['kube-system']],
  ])('%s', (_name, namespaces, after, expected) => {
    expect(remainingNamespaces(namespaces, after)).toEqual(expected);
  });

  it('delivers every object once and never two pages at once when split', async () => {
    const objects = ['a', 'a-b', 'ab', 'b'].flatMap((ns) =>
      Array.from({ length: 9 }, (_, i) => cm(ns, `c${i}`)),
    );
    const seen: string[] = [];
    let busy = false;
    await listResourcePages(
      fakeServer(objects),
      configmaps,
      { pageSize: 2, namespaces: async () => ['a', 'a-b', 'ab', 'b'] },
      async (items) => {
        expect(busy).toBe(false);
        busy = true;
        await new Promise((r) => setTimeout(r, 2));
        seen.push(...items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
        busy = false;
      },
    );
    expect(seen.sort()).toEqual(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort());
  });

  it('stays one cluster-wide list when namespaces cannot be listed', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => cm('a', `c${String(i).padStart(2, '0')}`));
    let pages = 0;
    await listResourcePages(
      fakeServer(objects),
      configmaps,
      { pageSize: 2, namespaces: async () => undefined },
      async () => {
        pages++;
      },
    );
    expect(pages).toBe(15);
  });

  it('fails with the first per-namespace error after stopping the other lists', async () => {
    const objects = ['a', 'b', 'c'].flatMap((ns) => Array.from({ length: 12 }, (_, i) => cm(ns, `c${i}`)));
    const listing = { pageSize: 2, namespaces: async () => ['a', 'b', 'c'] };
    await expect(
      listResourcePages(fakeServer(objects, 'b'), configmaps, listing, async () => {}),
    ).rejects.toThrow('list in b failed');
  });
});
