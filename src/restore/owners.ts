/** Owner-reference rebuild: every reference gets the owner's uid in the target, or is dropped with a reason (pure). */
import type { KubeObject, OwnerReference } from '../model/resource-key.js';
import type { OwnerLink, PlannedObject } from './types.js';

/** How one owner reference resolved: a uid in the target, or why it has none. */
export type OwnerResolution =
  | { uid: string }
  /** The owner exists nowhere: the reference is dropped so the garbage collector keeps the object. */
  | { missing: string }
  /** The owner should have been restored but was not: the dependent is not written either. */
  | { failed: string };

/** The object with rewritten references, or why it must not be written. */
export type RewriteResult = { object: KubeObject; dropped: string[] } | { blocked: string };

/**
 * Returns a copy of the planned object whose ownerReferences carry the owners' new uids, keeping
 * `controller` and `blockOwnerDeletion` as backed up. References whose owner is missing are
 * dropped (listed in `dropped`); a failed owner blocks the object.
 */
export function rewriteOwnerReferences(
  planned: PlannedObject,
  resolutions: readonly OwnerResolution[],
): RewriteResult {
  const refs = planned.object.metadata.ownerReferences ?? [];
  const kept: OwnerReference[] = [];
  const dropped: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const resolution = resolutions[index] ?? { missing: 'not resolved' };
    if ('failed' in resolution)
      return { blocked: `owner ${ref.kind} ${ref.name} was not restored: ${resolution.failed}` };
    if ('missing' in resolution) {
      dropped.push(`${ref.kind} ${ref.name} (${resolution.missing})`);
      continue;
    }
    kept.push({ ...ref, uid: resolution.uid });
  }
  const object = structuredClone(planned.object);
  if (kept.length > 0) object.metadata.ownerReferences = kept;
  else delete object.metadata.ownerReferences;
  return { object, dropped };
}

/** What the restore knows about each planned object so far: its uid in the target, or its failure. */
export class UidMap {
  private readonly uids = new Map<string, string>();
  private readonly failures = new Map<string, string>();

  /** Records the uid of a planned object in the target. */
  set(id: string, uid: string): void {
    this.uids.set(id, uid);
    this.failures.delete(id);
  }

  /** Records that a planned object could not be restored. */
  fail(id: string, reason: string): void {
    if (!this.uids.has(id)) this.failures.set(id, reason);
  }

  /** The uid in the target, if known. */
  get(id: string): string | undefined {
    return this.uids.get(id);
  }

  /** How a planned owner resolves; undefined when it has not been processed (an ownership cycle). */
  resolvePlanned(link: Extract<OwnerLink, { kind: 'planned' }>): OwnerResolution | undefined {
    const uid = this.uids.get(link.ownerId);
    if (uid) return { uid };
    const failure = this.failures.get(link.ownerId);
    return failure ? { failed: failure } : undefined;
  }

  /** Number of objects with a known uid. */
  get size(): number {
    return this.uids.size;
  }
}
