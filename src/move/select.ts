/** Which Clusters a move takes: all in the selected namespaces, or the ones named (pure). */
import { MoveError } from './errors.js';
import { isCluster, nsName } from './graph.js';
import type { SourceObject } from './types.js';

/**
 * `namespace/name` of the selected Clusters. `names` are `NAME` (unique across the selected
 * namespaces) or `NAMESPACE/NAME`; none selects every Cluster. Unknown or ambiguous names throw.
 */
export function selectClusters(objects: readonly SourceObject[], names: readonly string[]): Set<string> {
  const clusters = objects.filter(isCluster).map(nsName);
  if (names.length === 0) return new Set(clusters);
  const selected = new Set<string>();
  for (const name of names) {
    const matches = name.includes('/')
      ? clusters.filter((c) => c === name)
      : clusters.filter((c) => c.endsWith(`/${name}`));
    if (matches.length === 0)
      throw new MoveError(
        'move.not-found',
        `cluster ${name} was not found in the selected namespaces of the source`,
      );
    if (matches.length > 1)
      throw new MoveError(
        'move.invalid',
        `cluster ${name} is ambiguous (${matches.join(', ')}): use namespace/name`,
      );
    selected.add(matches[0]!);
  }
  return selected;
}
