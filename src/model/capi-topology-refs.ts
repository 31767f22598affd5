/** Version-independent lookups over a backup's objects: refs (v1beta1 and v1beta2), owners, provider IDs. */
import { CAPI_LABEL } from './capi-names.js';
import type { KubeObject } from './resource-key.js';
import { parseApiVersion } from './resource-key.js';

/** The Cluster API labels the topology reads (defined with Cluster API's other names). */
export { CAPI_LABEL } from './capi-names.js';

/** A reference resolved to group, kind, namespace and name, whatever shape it was written in. */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Reads a field path of plain JSON without throwing; undefined when any step is missing. */
export function field(obj: unknown, ...path: string[]): unknown {
  let current: unknown = obj;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A string field, or null when absent or not a string. */
export function stringField(obj: unknown, ...path: string[]): string | null {
  const value = field(obj, ...path);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A finite number field, or null. */
export function numberField(obj: unknown, ...path: string[]): number | null {
  const value = field(obj, ...path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Resolves a reference: v1beta1 ObjectReferences carry `apiVersion` (and maybe `namespace`),
 * v1beta2 ContractVersionedObjectReferences carry `apiGroup`. The namespace defaults to the referrer's.
 */
export function resolveRef(ref: unknown, namespace: string): ObjectRef | null {
  const kind = stringField(ref, 'kind');
  const name = stringField(ref, 'name');
  if (!kind || !name) return null;
  const apiGroup = field(ref, 'apiGroup');
  const apiVersion = stringField(ref, 'apiVersion');
  const group = typeof apiGroup === 'string' ? apiGroup : apiVersion ? parseApiVersion(apiVersion).group : '';
  return { group, kind, namespace: stringField(ref, 'namespace') ?? namespace, name };
}

function indexKey(group: string, kind: string, namespace: string, name: string): string {
  return `${group}\u0000${kind}\u0000${namespace}\u0000${name}`;
}

/** Objects of one backup indexed by group/kind/namespace/name (version-independent; first copy wins). */
export class ObjectIndex {
  private readonly byKey = new Map<string, KubeObject>();
  private readonly byKind = new Map<string, KubeObject[]>();

  constructor(objects: readonly KubeObject[]) {
    for (const obj of objects) {
      const { group } = parseApiVersion(obj.apiVersion);
      const key = indexKey(group, obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, obj);
      const list = this.byKind.get(obj.kind) ?? [];
      list.push(obj);
      this.byKind.set(obj.kind, list);
    }
  }

  /** The object a ref points at; when the ref names no group, any group with that kind matches. */
  get(ref: ObjectRef): KubeObject | undefined {
    const exact = this.byKey.get(indexKey(ref.group, ref.kind, ref.namespace, ref.name));
    if (exact || ref.group) return exact;
    return this.ofKind(ref.kind).find(
      (o) => o.metadata.namespace === ref.namespace && o.metadata.name === ref.name,
    );
  }

  /** Every object of a kind, in backup order. */
  ofKind(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? [];
  }
}

/** The name of the owner of a given kind, from ownerReferences (controller first). */
export function ownerName(obj: KubeObject, kind: string): string | null {
  const owners = (obj.metadata.ownerReferences ?? []).filter((o) => o.kind === kind);
  const controller = owners.find((o) => o.controller) ?? owners[0];
  return controller?.name ?? null;
}

/** The cluster an object belongs to: `spec.clusterName`, else the cluster-name label. */
export function clusterNameOf(obj: KubeObject): string | null {
  return stringField(obj, 'spec', 'clusterName') ?? obj.metadata.labels?.[CAPI_LABEL.clusterName] ?? null;
}

/** Lower-cases a UUID for comparison (vCenter and Kubernetes disagree on case). */
export function normalizeUuid(uuid: string | null | undefined): string | null {
  const trimmed = uuid?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** The BIOS UUID in a `vsphere://<uuid>` provider ID (lower-case), or null for other providers. */
export function biosUuidFromProviderID(providerID: string | null | undefined): string | null {
  const match = providerID?.trim().match(/^vsphere:\/\/\/?([0-9a-f-]+)$/i);
  return match ? normalizeUuid(match[1]) : null;
}

/** True when two UUIDs are the same, ignoring case; nulls never match. */
export function sameUuid(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeUuid(a);
  return x !== null && x === normalizeUuid(b);
}
