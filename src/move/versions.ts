/** Which resource types a move considers, and the version each is read and written in (pure). */
import type { ApiResource } from '../adapters/kube/discovery.js';
import { pickVersion } from '../apply/index.js';
import { isCapiGroup } from '../model/capi-names.js';
import { groupResource } from '../model/resource-key.js';
import type { TargetResource } from '../restore/types.js';

/** A resource type's verdict, with the reason when it is not considered. */
export type Movability = { movable: true } | { movable: false; reason: string };

const VERBS = ['list', 'get', 'create', 'delete', 'patch'];

/**
 * Types a move reads: fully writable Secrets, ConfigMaps and custom resources (Cluster API groups
 * and any other group outside the built-in `*.k8s.io` ones), as clusterctl does. Cluster-scoped
 * types only from the Cluster API family (identities such as `VSphereClusterIdentity`); they are
 * taken only when a moved object references them.
 */
export function movability(r: Pick<ApiResource, 'group' | 'resource' | 'namespaced' | 'verbs'>): Movability {
  if (!r.namespaced && !isCapiGroup(r.group))
    return { movable: false, reason: 'cluster-scoped outside the Cluster API groups' };
  const missing = VERBS.filter((v) => !r.verbs.includes(v));
  if (missing.length > 0) return { movable: false, reason: `does not allow ${missing.join(', ')}` };
  if (r.group === '')
    return r.resource === 'secrets' || r.resource === 'configmaps'
      ? { movable: true }
      : { movable: false, reason: 'a built-in resource other than secrets and configmaps' };
  if (isCapiGroup(r.group)) return { movable: true };
  if (!r.group.includes('.') || r.group === 'k8s.io' || r.group.endsWith('.k8s.io'))
    return { movable: false, reason: 'a built-in api group' };
  return { movable: true };
}

/** How one source type is read, and where its objects go (or why they cannot). */
export type TypeChoice =
  | { key: string; list: ApiResource; target: TargetResource }
  | { key: string; list: ApiResource; problem: string };

/**
 * One choice per movable source type. The version must be served by both clusters: the target's
 * preferred one when the source serves it, else the source's preferred, else any common version
 * (the source's API server converts). Without a common version the type's objects cannot move.
 */
export function chooseVersions(source: readonly ApiResource[], target: readonly ApiResource[]): TypeChoice[] {
  const groups = new Map<string, ApiResource[]>();
  for (const r of source) {
    if (!movability(r).movable) continue;
    const list = groups.get(groupResource(r)) ?? [];
    list.push(r);
    groups.set(groupResource(r), list);
  }
  return [...groups].map(([key, served]) => choose(key, served, target));
}

function choose(key: string, served: ApiResource[], target: readonly ApiResource[]): TypeChoice {
  const first = served[0]!;
  const preferred = served.find((r) => r.preferred) ?? first;
  const there = target.filter((r) => r.group === first.group && r.resource === first.resource);
  if (there.length === 0)
    return {
      key,
      list: preferred,
      problem: `the target does not serve ${key}: install its CRD in the target first`,
    };
  const version = pickVersion(served, {
    versions: there.map((r) => r.version),
    preferred: there.find((r) => r.preferred)?.version,
  });
  const list = served.find((r) => r.version === version);
  if (!list) {
    const versions = (rs: ApiResource[]) =>
      rs
        .map((r) => r.version)
        .sort()
        .join(', ');
    return {
      key,
      list: preferred,
      problem: `the target serves ${key} in ${versions(there)} but the source in ${versions(served)}`,
    };
  }
  const api = there.find((r) => r.version === list.version)!;
  const resource: TargetResource = {
    group: api.group,
    version: api.version,
    resource: api.resource,
    kind: api.kind,
    namespaced: api.namespaced,
  };
  return { key, list, target: resource };
}
