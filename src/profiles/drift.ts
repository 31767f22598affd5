/** Drift of one object: the fields its profile sets that differ live, or its absence (pure). */
import { compareObjects, type FieldChange, normalize } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { isExcluded } from './exclusions.js';
import { projectLive } from './project.js';

/** `missing`: the object is gone; `modified`: fields differ; `in-sync`: nothing the profile sets differs. */
export type DriftKind = 'in-sync' | 'modified' | 'missing';

/** The drift of one object. `changes` go desired (`old`) → live (`new`); Secret values are redacted. */
export interface DriftFinding {
  kind: DriftKind;
  changes: FieldChange[];
}

/** The change reported for a deleted object: the whole object removed, no values. */
export const MISSING_CHANGE: FieldChange = { path: '', op: 'remove' };

/**
 * Compares a desired object with its live copy. Only fields the desired object sets count;
 * changes under `excluded` pointers are dropped. A missing live object is drift.
 */
export function evaluateDrift(
  desired: KubeObject,
  live: KubeObject | undefined,
  excluded: readonly string[] = [],
): DriftFinding {
  if (!live) return { kind: 'missing', changes: [MISSING_CHANGE] };
  const want = comparableDesired(desired);
  const have = projectLive(want, live) as KubeObject;
  const changes = compareObjects(want, have).filter((c) => !isExcluded(c.path, excluded));
  return { kind: changes.length > 0 ? 'modified' : 'in-sync', changes };
}

/**
 * The live object cut to the desired object's shape, unredacted: what `drift accept` writes back.
 * Never log or persist its result for a Secret.
 */
export function projectForAccept(desired: KubeObject, live: KubeObject): KubeObject {
  return projectLive(comparableDesired(desired), live) as KubeObject;
}

/** The desired object as the server would store it: normalised, Secret `stringData` folded into `data`. */
export function comparableDesired(desired: KubeObject): KubeObject {
  const copy = normalize(desired);
  if (copy.kind === 'Secret' && isStringMap(copy.stringData)) {
    const data = { ...(isStringMap(copy.data) ? copy.data : {}) };
    for (const [k, v] of Object.entries(copy.stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    copy.data = data;
    delete copy.stringData;
  }
  return copy;
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
