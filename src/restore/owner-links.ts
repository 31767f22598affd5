/** Links each planned object's ownerReferences to the planned owners they name (pure). */
import { keyString, parseApiVersion } from '../model/resource-key.js';
import type { OwnerLink, PlannedObject } from './types.js';

/**
 * Resolves every ownerReference to a planned owner (by old uid, else by kind and name — namespaced,
 * then cluster-scoped) or marks it external. Shared by restore and move.
 */
export function linkOwners(planned: PlannedObject[]): void {
  const byUid = new Map<string, PlannedObject>();
  const byIdentity = new Map<string, PlannedObject>();
  for (const p of planned) {
    if (p.oldUid) byUid.set(p.oldUid, p);
    byIdentity.set(keyString(p.target), p);
  }
  for (const p of planned) {
    p.owners = (p.object.metadata.ownerReferences ?? []).map((ref, index): OwnerLink => {
      const { group } = parseApiVersion(ref.apiVersion ?? '');
      const namespaced = { group, kind: ref.kind, namespace: p.target.namespace, name: ref.name };
      const owner =
        byUid.get(ref.uid) ??
        byIdentity.get(keyString(namespaced)) ??
        byIdentity.get(keyString({ ...namespaced, namespace: '' }));
      if (owner) return { index, kind: 'planned', ownerId: owner.id };
      return {
        index,
        kind: 'external',
        group,
        ownerKind: ref.kind,
        namespace: p.target.namespace,
        name: ref.name,
      };
    });
  }
}
