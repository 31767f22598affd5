/** Reads the source: every object of the movable types in the selected namespaces, in the chosen versions. */
import { mapLimit } from '../common/concurrency.js';
import { JOURNAL_NAMESPACE } from '../restore/filters.js';
import type { MoveSource, SourceObject } from './types.js';
import type { TypeChoice } from './versions.js';

/** Lists each type once per namespace (or once across all namespaces when `namespaces` is null); cluster-scoped types once. */
export async function readInventory(
  source: MoveSource,
  choices: readonly TypeChoice[],
  namespaces: readonly string[] | null,
): Promise<SourceObject[]> {
  const calls = choices.flatMap((c) =>
    (c.list.namespaced ? (namespaces ?? [undefined]) : [undefined]).map((namespace) => ({ c, namespace })),
  );
  const pages = await mapLimit(calls, 8, async ({ c, namespace }) => {
    const { items } = await source.list(c.list, namespace ? { namespace } : {});
    return items
      .filter((object) => object.metadata.namespace !== JOURNAL_NAMESPACE)
      .map((object) => ({ object, resource: c.list }));
  });
  return pages.flat();
}
