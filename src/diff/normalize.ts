/** Normalisation before comparing: drop the fields the API server owns, as Velero does on restore (pure). */
import type { KubeObject } from '../model/resource-key.js';

/** `metadata` fields the server sets and that never describe intent. */
export const SERVER_METADATA_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
] as const;

/** kubectl's copy of the last applied object; noise for a diff, and may hold Secret data. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Options for {@link normalize}. */
export interface NormalizeOptions {
  /** Keep `status` (dropped by default: it is observed state, not declared state). */
  includeStatus?: boolean;
}

/**
 * Returns a normalised deep copy: server-owned metadata, owner-reference UIDs, the
 * last-applied annotation and (unless asked) `status` are removed; `annotations` and
 * `ownerReferences` left empty by that are removed too, so "absent" and "emptied" compare equal.
 */
export function normalize<T extends KubeObject>(obj: T, options: NormalizeOptions = {}): T {
  const copy = structuredClone(obj);
  if (!options.includeStatus) delete copy.status;
  const meta = copy.metadata;
  if (!meta) return copy;
  for (const field of SERVER_METADATA_FIELDS) delete meta[field];
  if (meta.annotations) {
    delete meta.annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  }
  if (Array.isArray(meta.ownerReferences)) {
    const refs = meta.ownerReferences.map(({ uid: _uid, ...rest }) => rest);
    if (refs.length === 0) delete meta.ownerReferences;
    else meta.ownerReferences = refs as typeof meta.ownerReferences;
  }
  return copy;
}
