/**
 * Which deployed objects a profile with `prune: true` no longer declares (pure). An object is a
 * candidate only when Driftline deployed it (the state has its applied hash), its profile still
 * targets this cluster with `prune: true` and is not `DryRun`, and no profile declares its key any
 * more, even one skipped here or losing a tier conflict. The live object's ownership labels are
 * checked again before anything is deleted (`ownedBy`).
 */
import { MANAGED_BY } from '../model/vocabulary.js';
import type { DesiredSet } from './desired.js';
import type { ObjectRecord } from './state.js';
import { OWNERSHIP_LABELS, type Profile } from './types.js';

/** The records whose objects should be deleted from the cluster. */
export function pruneCandidates(
  records: readonly ObjectRecord[],
  profiles: readonly Profile[],
  set: DesiredSet,
): ObjectRecord[] {
  const pruning = new Set(profiles.filter((p) => p.prune && p.syncMode !== 'DryRun').map((p) => p.name));
  const declared = new Set([
    ...set.objects.keys(),
    ...set.skipped.map((s) => s.key),
    ...set.conflicts.map((c) => c.key),
  ]);
  return records.filter((r) => r.appliedHash && pruning.has(r.profile) && !declared.has(r.key));
}

/** True when the live object still carries the labels Driftline deployed it with for `profile`. */
export function ownedBy(labels: Record<string, string> | undefined, profile: string): boolean {
  return (
    labels?.[OWNERSHIP_LABELS.managedBy] === MANAGED_BY && labels?.[OWNERSHIP_LABELS.profile] === profile
  );
}
