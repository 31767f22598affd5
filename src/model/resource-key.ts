/** The one identity of a Kubernetes object used everywhere in Driftline. */

/** Identifies an object: API group ('' for core), version, kind, namespace ('' when cluster-scoped) and name. */
export interface ResourceKey {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A Kubernetes object as plain JSON; only the fields Driftline always relies on are typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** The subset of ObjectMeta Driftline reads. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** An ownerReference as stored on an object. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Splits `apps/v1` into `{group:'apps', version:'v1'}` and `v1` into `{group:'', version:'v1'}`. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Joins a group and version back into an apiVersion string. */
export function formatApiVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Returns the key of an object. */
export function keyOf(obj: KubeObject): ResourceKey {
  const { group, version } = parseApiVersion(obj.apiVersion);
  return { group, version, kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
}

/** A stable string form, `group/Kind/namespace/name`, for maps and messages (version-independent). */
export function keyString(key: Omit<ResourceKey, 'version'>): string {
  return `${key.group || 'core'}/${key.kind}/${key.namespace}/${key.name}`;
}

/** Human form used in messages: `Kind ns/name` or `Kind name`. */
export function describeKey(key: Pick<ResourceKey, 'kind' | 'namespace' | 'name'>): string {
  return key.namespace ? `${key.kind} ${key.namespace}/${key.name}` : `${key.kind} ${key.name}`;
}

/** The parts of a resource type that name it across versions: API group ('' for core) and plural. */
export interface GroupResourceParts {
  group: string;
  resource: string;
}

/**
 * Velero's and kubectl's GroupResource string: `clusters.cluster.x-k8s.io`, or the plural alone
 * for the core group (`secrets`). Backup paths, resource flags and messages all use this form.
 */
export function groupResource(r: GroupResourceParts): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** Splits `clusters.cluster.x-k8s.io` into plural and group (a name without a dot is core). */
export function parseGroupResource(text: string): GroupResourceParts {
  const dot = text.indexOf('.');
  return dot < 0
    ? { resource: text, group: '' }
    : { resource: text.slice(0, dot), group: text.slice(dot + 1) };
}
