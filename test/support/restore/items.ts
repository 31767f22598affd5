/** Test helpers: backup items and target discovery built from plain objects. */
import type { ApiResource } from '../../../src/adapters/kube/discovery.js';
import type { BackupItem } from '../../../src/format/index.js';
import { type KubeObject, parseApiVersion } from '../../../src/model/resource-key.js';

/** The plural resource of a kind, as the API server names the kinds these tests use. */
export function pluralOf(kind: string): string {
  return `${kind.toLowerCase()}s`;
}

/** A preferred-version backup item for `object`. */
export function itemOf(object: KubeObject, overrides: Partial<BackupItem> = {}): BackupItem {
  const { group, version } = parseApiVersion(object.apiVersion);
  return {
    resource: pluralOf(object.kind),
    group,
    version,
    preferred: true,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    object,
    path: '',
    ...overrides,
  };
}

/** Discovery that serves every item's resource in its version (namespaced when the item is). */
export function servingAll(items: readonly BackupItem[], verbs = ['create', 'get', 'list']): ApiResource[] {
  const seen = new Map<string, ApiResource>();
  for (const i of items) {
    const key = `${i.group}/${i.version}/${i.resource}`;
    if (seen.has(key)) continue;
    seen.set(key, {
      group: i.group,
      version: i.version,
      resource: i.resource,
      kind: i.object.kind,
      namespaced: i.namespace !== '',
      verbs,
      preferred: true,
      shortNames: [],
    });
  }
  return [...seen.values()];
}

/** A minimal object. */
export function obj(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
  extra: Partial<KubeObject> = {},
): KubeObject {
  const metadata = { name, ...(namespace !== undefined && { namespace }), ...(extra.metadata ?? {}) };
  return { apiVersion, kind, ...extra, metadata } as KubeObject;
}

/** A v1 CRD object serving `versions` of `plural.group`. */
export function crd(group: string, kind: string, versions: string[], scope = 'Namespaced'): KubeObject {
  return obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, `${pluralOf(kind)}.${group}`, {
    spec: {
      group,
      scope,
      names: { kind, plural: pluralOf(kind) },
      versions: versions.map((name, i) => ({ name, served: true, storage: i === 0 })),
    },
  });
}
