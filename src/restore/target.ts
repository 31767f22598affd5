/** The target cluster as a restore sees it: the narrow kube interfaces plus discovery. */
import type { ApiResource } from '../adapters/kube/discovery.js';
import type { Lister, ResourceRef } from '../adapters/kube/interfaces.js';
import type { ApplyTarget } from '../apply/index.js';
import type { TargetResource } from './types.js';

/** What restore and unpause call on the target cluster: the engine's target plus lists (a KubeClient satisfies it). */
export interface RestoreTarget extends ApplyTarget, Lister {}

/** The ResourceRef of a planned resource. */
export function refOf(resource: TargetResource): ResourceRef {
  return {
    group: resource.group,
    version: resource.version,
    resource: resource.resource,
    namespaced: resource.namespaced,
  };
}

/** The preferred served resource for a kind in a group, or undefined. */
export function findKind(
  resources: readonly ApiResource[],
  group: string,
  kind: string,
): ApiResource | undefined {
  const matches = resources.filter((r) => r.group === group && r.kind === kind);
  return matches.find((r) => r.preferred) ?? matches[0];
}
