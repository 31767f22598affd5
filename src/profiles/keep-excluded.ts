/** The configuration Driftline applies to an object that exists: excluded fields carry their live values (pure). */
import { appendPointer, isNamedList } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { isExcluded } from './exclusions.js';
import { projectLive } from './project.js';

/** What to apply, and the excluded pointers whose live values it carries. */
export interface KeptConfiguration {
  object: KubeObject;
  kept: string[];
}

/**
 * Returns `desired` with every excluded field it sets replaced by the live value (dropped when
 * live has none), so re-applying it never resets what the profile lets differ (as Argo CD's
 * `RespectIgnoreDifferences` does).
 *
 * Why carry the live value rather than leave the field out: Driftline applies with server-side
 * apply as field manager `driftline`, which owns every field it declared at the first deploy.
 * An applied configuration that omits a field the manager owns tells the server to remove it
 * (or reset it to its default, e.g. `replicas: 1`) unless another manager also owns it, and
 * whether `kubectl scale` or an HPA became a co-owner depends on the server version and the
 * subresource used. Applying the live value instead is a no-op for the field on every server and
 * merely shares ownership with whoever set it, so no other writer is ever fought. Fields the
 * profile does not set are not touched: Driftline never claims ownership it did not declare.
 */
export function keepExcluded(
  desired: KubeObject,
  live: KubeObject,
  patterns: readonly string[],
): KeptConfiguration {
  const kept: string[] = [];
  if (patterns.length === 0) return { object: desired, kept };
  const object = overlay(desired, live, '', { patterns, kept }) as KubeObject;
  return { object: kept.length > 0 ? object : desired, kept };
}

interface Walk {
  patterns: readonly string[];
  kept: string[];
}

// Walks the desired value; at an excluded pointer it takes the live value cut to the desired
// shape (so it claims no fields the profile does not set). `undefined` drops the field.
function overlay(want: unknown, have: unknown, path: string, walk: Walk): unknown {
  if (path !== '' && isExcluded(path, walk.patterns)) {
    walk.kept.push(path);
    return have === undefined ? undefined : projectLive(want, have);
  }
  if (isObject(want)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(want)) {
      const next = overlay(value, isObject(have) ? have[key] : undefined, appendPointer(path, key), walk);
      if (next !== undefined) out[key] = next;
    }
    return out;
  }
  if (Array.isArray(want)) {
    const match = elementMatcher(want, have);
    return want
      .map((value, i) => overlay(value, match(i), appendPointer(path, i), walk))
      .filter((v) => v !== undefined);
  }
  return want;
}

// Named lists (containers, env) pair by name, as server-side apply merges them; others by index.
function elementMatcher(want: unknown[], have: unknown): (i: number) => unknown {
  if (!Array.isArray(have)) return () => undefined;
  if (want.length > 0 && isNamedList(want) && isNamedList(have)) {
    const byName = new Map(have.map((e) => [e.name as string, e]));
    return (i) => byName.get((want[i] as { name: string }).name);
  }
  return (i) => have[i];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
