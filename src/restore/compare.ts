/** Does an object in the target match what the restore would write? Field-level, Secret values redacted (pure). */
import { compareObjects, deepEqual, isNamedList, normalize } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { BACKUP_NAME_LABEL, isRecord, RESTORE_NAME_LABEL } from './transforms/index.js';
import type { FieldChange } from './types.js';

/**
 * The changes that would turn `live` into `desired`, looking only at fields `desired` sets:
 * fields the server or controllers added in the target are not differences (defaults, extra
 * labels), list elements are. Server metadata, owner-reference uids, status and the restore's
 * own labels are ignored. Paths are JSON Pointers; Secret values are redacted.
 */
export function restoreDifferences(desired: KubeObject, live: KubeObject): FieldChange[] {
  const want = withoutRestoreLabels(normalize(desired));
  const have = project(normalize(live), want) as KubeObject;
  return compareObjects(have, want);
}

/** True when `live` already carries the status the restore would write (only fields the backup sets). */
export function statusMatches(desired: Record<string, unknown>, live: KubeObject): boolean {
  return deepEqual(project(live.status, desired), desired);
}

function withoutRestoreLabels(object: KubeObject): KubeObject {
  const labels = { ...object.metadata.labels };
  delete labels[RESTORE_NAME_LABEL];
  delete labels[BACKUP_NAME_LABEL];
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
