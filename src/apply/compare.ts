/** Does an object in the target match what the engine would write? Field-level, Secret values redacted (pure). */
import { isRecord } from '../common/records.js';
import { compareObjects, deepEqual, type FieldChange, isNamedList, normalize } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';

/**
 * The changes that would turn `live` into `desired`, looking only at fields `desired` sets:
 * fields the server or controllers added in the target are not differences (defaults, extra
 * labels), list elements are. Server metadata, owner-reference uids and status are ignored, and
 * so are the operation's own `ignoredLabels` (a restore's or move's marker labels). Paths are JSON
 * Pointers; Secret values are redacted.
 */
export function writeDifferences(
  desired: KubeObject,
  live: KubeObject,
  ignoredLabels: readonly string[] = [],
): FieldChange[] {
  const want = withoutLabels(normalize(desired), ignoredLabels);
  const have = project(normalize(live), want) as KubeObject;
  return compareObjects(have, want);
}

/** True when `live` already carries `desired` status (only the fields `desired` sets). */
export function statusMatches(desired: Record<string, unknown>, live: KubeObject): boolean {
  return deepEqual(project(live.status, desired), desired);
}

function withoutLabels(object: KubeObject, ignored: readonly string[]): KubeObject {
  if (ignored.length === 0) return object;
  const labels = { ...object.metadata.labels };
  for (const label of ignored) delete labels[label];
  if (Object.keys(labels).length > 0) object.metadata.labels = labels;
  else delete object.metadata.labels;
  return object;
}

// The part of `live` that `desired` speaks about.
function project(live: unknown, desired: unknown): unknown {
  if (isRecord(live) && isRecord(desired)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(desired)) if (key in live) out[key] = project(live[key], value);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(desired)) {
    if (isNamedList(live) && isNamedList(desired)) {
      const wanted = new Map(desired.map((e) => [e.name as string, e]));
      return live.map((e) => (wanted.has(e.name as string) ? project(e, wanted.get(e.name as string)) : e));
    }
    return live.map((e, i) => (i < desired.length ? project(e, desired[i]) : e));
  }
  return live;
}
