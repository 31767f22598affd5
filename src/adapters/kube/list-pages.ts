/** Paginated LISTs with the next page requested early, and the wire shape of a list. */
import type { KubeObject } from '../../model/resource-key.js';
import type { ListOptions, ListPage, ResourceRef } from './interfaces.js';
import { continueTokenIn } from './list-head.js';
import { resourcePath } from './paths.js';
import type { KubeTransport } from './transport.js';

/**
 * Pages of a LIST, each requested as soon as its continue token is known: read from the first
 * bytes of the previous page when the server sends metadata first (built-in types), otherwise
 * from the parsed page. So the server prepares the next page while this one is still arriving,
 * being parsed and being processed by the caller. At most two pages are requested ahead.
 */
export async function* listPages(
  transport: KubeTransport,
  ref: ResourceRef,
  options: ListOptions = {},
): AsyncGenerator<ListPage> {
  const what = `list ${ref.resource}${options.namespace ? ` in ${options.namespace}` : ''}`;
  let ahead = 0;
  let stopped = false;
  const start = (continueToken: string | undefined): PageFlight => {
    ahead++;
    let next: PageFlight | undefined;
    const page = transport.request<WireList>({
      method: 'GET',
      path: resourcePath(ref, options.namespace),
      query: {
        limit: options.limit ?? 500,
        continue: continueToken,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
      },
      what,
      onBodyStart: (head) => {
        const early = continueTokenIn(head);
        if (early !== undefined && !next && !stopped && ahead < 2) next = start(early);
      },
    });
    // A page requested ahead may never be awaited (the caller stops early); never leave it unhandled.
    page.catch(() => undefined);
    return { continueToken, page, next: () => next };
  };
  let current: PageFlight | undefined = start(undefined);
  try {
    while (current) {
      const page: WireList = await current.page;
      ahead--;
      const continueToken = page.metadata.continue || undefined;
      // The early guess is checked against the parsed page; a wrong one is simply not used.
      let next: PageFlight | undefined = current.next();
      if (next && next.continueToken !== continueToken) {
        ahead--;
        next = undefined;
      }
      current = next ?? (continueToken ? start(continueToken) : undefined);
      yield {
        items: withTypeMeta(page),
        resourceVersion: page.metadata.resourceVersion ?? '',
        remainingItemCount: page.metadata.remainingItemCount,
      };
    }
  } finally {
    // A caller that stops early (return or throw) ends the chain: nothing more is requested.
    stopped = true;
  }
}

/** One page request of `listPages`, and the next one when it was started early. */
interface PageFlight {
  continueToken: string | undefined;
  page: Promise<WireList>;
  next(): PageFlight | undefined;
}

interface WireList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

// List items come without apiVersion/kind; restore them from the list's own type.
function withTypeMeta(list: WireList): KubeObject[] {
  const kind = list.kind.endsWith('List') ? list.kind.slice(0, -4) : list.kind;
  for (const item of list.items) {
    item.apiVersion ??= list.apiVersion;
    item.kind ??= kind;
  }
  return list.items;
}
