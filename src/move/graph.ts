/** Object graph discovery like clusterctl's: what is reachable from the selected Clusters, plus labelled objects (pure). */
import { CAPI_TYPES } from '../model/capi-names.js';
import { describeKey, keyOf, keyString } from '../model/resource-key.js';
import { namedAfterCluster, type Reference, referencesOf } from './refs.js';
import {
  MOVE_HIERARCHY_LABEL,
  MOVE_LABEL,
  type MoveGraph,
  type MoveObject,
  type SourceObject,
} from './types.js';

/** The `group/Kind/namespace/name` id of a source object. */
export function idOf(o: SourceObject): string {
  return keyString(keyOf(o.object));
}

/** True for Cluster API Clusters. */
export function isCluster(o: SourceObject): boolean {
  return o.object.kind === CAPI_TYPES.cluster.kind && keyOf(o.object).group === CAPI_TYPES.cluster.group;
}

/** True for cluster-scoped objects (identities); they are copied to the target, never deleted from the source. */
export function isClusterScoped(o: SourceObject): boolean {
  return !o.resource.namespaced;
}

/** `namespace/name` of an object. */
export function nsName(o: SourceObject): string {
  return `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
}

interface Found {
  reason: string;
  /** The root it was reached from. */
  root: string;
}

interface Pull {
  to: SourceObject;
  reason: string;
}

/** The source objects indexed for walking ownership, references and naming conventions. */
class SourceIndex {
  private readonly byId = new Map<string, SourceObject>();
  private readonly byKindName = new Map<string, SourceObject[]>();
  private readonly children = new Map<string, SourceObject[]>();
  private readonly clusterNames = new Map<string, Set<string>>();
  private readonly named = new Map<string, SourceObject[]>();

  constructor(objects: readonly SourceObject[]) {
    for (const o of objects) this.byId.set(idOf(o), o);
    for (const o of this.byId.values()) {
      const ns = o.object.metadata.namespace ?? '';
      push(this.byKindName, `${o.object.kind}/${ns}/${o.object.metadata.name}`, o);
      for (const ref of o.object.metadata.ownerReferences ?? []) push(this.children, ref.uid, o);
      if (isCluster(o)) {
        const names = this.clusterNames.get(ns) ?? new Set<string>();
        names.add(o.object.metadata.name);
        this.clusterNames.set(ns, names);
      }
    }
    for (const o of this.byId.values()) {
      const ns = o.object.metadata.namespace ?? '';
      const cluster = namedAfterCluster(o.object, this.clusterNames.get(ns) ?? new Set());
      if (cluster) push(this.named, `${ns}/${cluster}`, o);
    }
  }

  all(): SourceObject[] {
    return [...this.byId.values()];
  }

  /** What moving `o` pulls along: what it owns, what it references (unless `ownedOnly`), Secrets named after it. */
  pulls(o: SourceObject, ownedOnly: boolean): Pull[] {
    const what = describeKey(keyOf(o.object));
    const out: Pull[] = (this.children.get(o.object.metadata.uid ?? '') ?? []).map((to) => ({
      to,
      reason: `owned by ${what}`,
    }));
    if (ownedOnly) return out;
    for (const ref of referencesOf(o.object)) {
      const to = this.resolve(ref);
      if (to) out.push({ to, reason: `referenced by ${what} (${ref.via})` });
    }
    if (isCluster(o))
      for (const to of this.named.get(nsName(o)) ?? []) out.push({ to, reason: `named after ${what}` });
    return out;
  }

  // A reference names no scope: `identityRef: {kind: VSphereClusterIdentity, name}` is cluster-scoped.
  private resolve(ref: Reference): SourceObject | undefined {
    const candidates = [
      ...(this.byKindName.get(`${ref.kind}/${ref.namespace}/${ref.name}`) ?? []),
      ...(this.byKindName.get(`${ref.kind}//${ref.name}`) ?? []),
    ];
    return candidates.find((c) => ref.group === undefined || keyOf(c.object).group === ref.group);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Breadth-first from the roots; other Clusters are never pulled in (each is moved only when selected).
function reach(index: SourceIndex, roots: readonly Pull[], ownedOnly: boolean): Map<string, Found> {
  const found = new Map<string, Found>();
  const queue: { o: SourceObject; root: string }[] = [];
  for (const { to, reason } of roots) {
    if (found.has(idOf(to))) continue;
    found.set(idOf(to), { reason, root: describeKey(keyOf(to.object)) });
    queue.push({ o: to, root: describeKey(keyOf(to.object)) });
  }
  for (let i = 0; i < queue.length; i++) {
    const { o, root } = queue[i]!;
    for (const { to, reason } of index.pulls(o, ownedOnly)) {
      const id = idOf(to);
      if (found.has(id) || isCluster(to)) continue;
      found.set(id, { reason, root });
      queue.push({ o: to, root });
    }
  }
  return found;
}

/**
 * Finds every object to move: the selected Clusters and what they own (transitively), what they
 * and their objects reference (infrastructureRef, controlPlaneRef, templates, identityRef Secrets,
 * ClusterClasses), the Secrets and ConfigMaps named after them; objects labelled
 * `clusterctl.cluster.x-k8s.io/move` (alone) and `…/move-hierarchy` (with what they own).
 * Objects that a Cluster left behind also reaches are copied but kept in the source.
 */
export function discoverGraph(objects: readonly SourceObject[], selected: ReadonlySet<string>): MoveGraph {
  const index = new SourceIndex(objects);
  const all = index.all();
  const clusters = all.filter((o) => isCluster(o) && selected.has(nsName(o)));
  const found = reach(
    index,
    clusters.map((to) => ({ to, reason: 'selected cluster' })),
    false,
  );
  // Labels select objects of the selected namespaces; a cluster-scoped object moves only when referenced.
  const namespaced = all.filter((o) => !isClusterScoped(o));
  const hierarchy = namespaced.filter(
    (o) => o.object.metadata.labels?.[MOVE_HIERARCHY_LABEL] !== undefined && !isCluster(o),
  );
  const labelled = reach(
    index,
    hierarchy.map((to) => ({ to, reason: `labelled ${MOVE_HIERARCHY_LABEL}` })),
    true,
  );
  for (const o of namespaced)
    if (o.object.metadata.labels?.[MOVE_LABEL] !== undefined && !isCluster(o))
      labelled.set(idOf(o), { reason: `labelled ${MOVE_LABEL}`, root: idOf(o) });
  for (const [id, f] of labelled) if (!found.has(id)) found.set(id, f);
  const leftBehind = all.filter((o) => isCluster(o) && !selected.has(nsName(o)));
  const needed = reach(
    index,
    leftBehind.map((to) => ({ to, reason: 'cluster not moved' })),
    false,
  );
  const byId = new Map(all.map((o) => [idOf(o), o]));
  const moved: MoveObject[] = [];
  for (const [id, f] of found) {
    const o = byId.get(id)!;
    const other = needed.get(id);
    const keep = other
      ? { keepInSource: `also needed by ${other.root}, which is not moved` }
      : isClusterScoped(o)
        ? { keepInSource: 'cluster-scoped: clusters in namespaces that are not moved may use it' }
        : {};
    moved.push({ ...o, id, reason: f.reason, ...keep });
  }
  return { objects: moved, clusters: clusters.map(nsName).sort() };
}
