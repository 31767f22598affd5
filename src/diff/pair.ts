/** Pairs desired and live objects by identity, either side possibly missing (pure). */
import { type KubeObject, keyOf, keyString } from '../model/resource-key.js';

/** One identity with the object on each side that has it. */
export interface ObjectPair<T extends KubeObject = KubeObject> {
  /** `group/Kind/namespace/name` (see keyString): version-independent. */
  key: string;
  desired?: T;
  live?: T;
}

/**
 * Pairs objects by group, kind, namespace and name — not version, so a v1beta1 object pairs with
 * its v1beta2 self. Sorted by key. An identity seen twice on one side keeps the first object.
 */
export function pairObjects<T extends KubeObject>(desired: Iterable<T>, live: Iterable<T>): ObjectPair<T>[] {
  const pairs = new Map<string, ObjectPair<T>>();
  const add = (obj: T, side: 'desired' | 'live'): void => {
    const key = keyString(keyOf(obj));
    const pair = pairs.get(key) ?? { key };
    if (pair[side] === undefined) pair[side] = obj;
    pairs.set(key, pair);
  };
  for (const obj of desired) add(obj, 'desired');
  for (const obj of live) add(obj, 'live');
  return [...pairs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
