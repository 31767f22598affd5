/** Which clusters a profile applies to, and why or why not (filters return a reason, pure). */
import { matchesLabelSelector } from '../model/label-selector.js';
import type { ClusterIdentity, Profile } from './types.js';

/** Whether a profile targets a cluster, with the reason in words. */
export interface TargetDecision {
  matched: boolean;
  reason: string;
}

/** Decides whether `profile` targets `cluster`: listed by name, or matched by the selector. */
export function targetDecision(
  profile: Pick<Profile, 'clusters' | 'clusterSelector'>,
  cluster: ClusterIdentity,
): TargetDecision {
  const short = cluster.id.includes('/') ? cluster.id.slice(cluster.id.indexOf('/') + 1) : cluster.id;
  if (profile.clusters?.some((c) => c === cluster.id || c === short))
    return { matched: true, reason: `cluster ${cluster.id} is listed in spec.clusters` };
  if (profile.clusterSelector) {
    if (matchesLabelSelector(profile.clusterSelector, cluster.labels))
      return { matched: true, reason: `labels of ${cluster.id} match spec.clusterSelector` };
    return { matched: false, reason: `labels of ${cluster.id} do not match spec.clusterSelector` };
  }
  return { matched: false, reason: `cluster ${cluster.id} is not listed in spec.clusters` };
}

/** The profiles that target `cluster`. */
export function profilesFor<P extends Pick<Profile, 'clusters' | 'clusterSelector'>>(
  profiles: readonly P[],
  cluster: ClusterIdentity,
): P[] {
  return profiles.filter((p) => targetDecision(p, cluster).matched);
}
