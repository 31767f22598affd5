/**
 * Lists one resource for a backup, page by page. Small resources take one cluster-wide
 * paginated LIST. A big namespaced resource is split into per-namespace LISTs after its first
 * page, two at a time, because etcd (3.4 and 3.5) counts every remaining key of the listed
 * range for each page it serves: a cluster-wide list of n objects costs O(n²) key visits in
 * etcd, per-namespace lists only O(n²) within each namespace (docs/benchmarks.md).
 */
import type { ListOptions, ListPage, ResourceRef } from '../adapters/kube/interfaces.js';
import type { KubeObject } from '../model/resource-key.js';

/** The API server as the lister sees it. */
export interface PageSource {
  listPages(ref: ResourceRef, options?: ListOptions): AsyncGenerator<ListPage>;
}

/** How to list. */
export interface ResourceListing {
  pageSize: number;
  labelSelector?: string;
  /** Split when the first page says more than this many objects follow (default 10 pages). */
  splitAbove?: number;
  /** Per-namespace lists running at once (default 2). */
  concurrency?: number;
  /** The namespaces worth listing, sorted or not; undefined when they cannot be listed. */
  namespaces: () => Promise<string[] | undefined>;
}

/** Calls `onPage` with every page's objects, never two pages at once, each object exactly once. */
export async function listResourcePages(
  source: PageSource,
  resource: ResourceRef,
  listing: ResourceListing,
  onPage: (items: KubeObject[]) => Promise<void>,
): Promise<void> {
  const options = { limit: listing.pageSize, labelSelector: listing.labelSelector };
  const pages = source.listPages(resource, options)[Symbol.asyncIterator]();
  const first = await pages.next();
  if (first.done) return;
  const splitAbove = listing.splitAbove ?? 10 * listing.pageSize;
  const last = first.value.items.at(-1);
  const worthSplitting =
    resource.namespaced && last !== undefined && (first.value.remainingItemCount ?? 0) > splitAbove;
  const namespaces = worthSplitting ? await listing.namespaces() : undefined;
  await onPage(first.value.items);
  if (!namespaces || !last) {
    try {
      for (let page = await pages.next(); !page.done; page = await pages.next())
        await onPage(page.value.items);
    } finally {
      await pages.return?.(undefined);
    }
    return;
  }
  await pages.return?.(undefined);
  await listNamespaces(source, resource, options, remainingNamespaces(namespaces, storageKey(last)), {
    after: storageKey(last),
    concurrency: listing.concurrency ?? 2,
    onPage,
  });
}

// Lists the namespaces a few at a time, handing pages to `onPage` one at a time; the first
// failure stops every list and is thrown once the others have stopped.
async function listNamespaces(
  source: PageSource,
  resource: ResourceRef,
  options: ListOptions,
  namespaces: string[],
  how: { after: string; concurrency: number; onPage: (items: KubeObject[]) => Promise<void> },
): Promise<void> {
  const queue = [...namespaces];
  let failure: { error: unknown } | undefined;
  let serial = Promise.resolve();
  const worker = async (): Promise<void> => {
    for (let namespace = queue.shift(); namespace !== undefined && !failure; namespace = queue.shift()) {
      try {
        // Only the namespace the first page ended in holds objects already delivered.
        const straddled = how.after.startsWith(`${namespace}/`);
        for await (const page of source.listPages(resource, { ...options, namespace })) {
          if (failure) return;
          const items = straddled
            ? page.items.filter((o) => compareKeys(storageKey(o), how.after) > 0)
            : page.items;
          if (items.length === 0) continue;
          serial = serial.then(() => how.onPage(items));
          await serial;
        }
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: how.concurrency }, worker));
  if (failure) throw failure.error;
}

/**
 * The namespaces still to list once the cluster-wide list has delivered everything up to
 * `after`: the API server returns objects in etcd key order, `<namespace>/<name>` by bytes.
 */
export function remainingNamespaces(namespaces: readonly string[], after: string): string[] {
  return namespaces.filter((ns) => after.startsWith(`${ns}/`) || compareKeys(`${ns}/`, after) > 0);
}

/** `<namespace>/<name>`: the part of an object's etcd key the API server orders lists by. */
export function storageKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

// etcd compares keys as bytes; JavaScript compares UTF-16 code units, which differ beyond ASCII.
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
