/** One backup item made ready for the tarball: validated, encoded as Go does, its entry paths built. */
import type { KubeObject, ResourceKey } from '../model/resource-key.js';
import { keyOf } from '../model/resource-key.js';
import { FormatError } from './errors.js';
import { encodeGoJson } from './go-json.js';
import { itemPath, itemPathBuilder } from './layout.js';
import type { BackupItemInput } from './tar-writer.js';

/** Everything one item writes, validated and encoded before its first byte goes out. */
export interface PreparedItem {
  key: ResourceKey;
  json: string;
  unversioned: string;
  preferred: string;
  others: Array<{ key: ResourceKey; path: string; body: Buffer }>;
}

// Validation comes first so that a rejected item leaves no partial copies behind.
export function prepareItem(item: BackupItemInput, paths: ItemPaths): PreparedItem {
  const key = checkObject(item, item.object);
  if (item.preferredVersion !== undefined && item.preferredVersion !== key.version) {
    throw invalidItem(
      item.object,
      `has version ${key.version} but the preferred version is ${item.preferredVersion}`,
    );
  }
  const twin = paths.twin(item.resource, item.group, key.version, key.namespace);
  const others = (item.otherVersions ?? []).map((other) => {
    const otherKey = checkObject(item, other);
    if (
      otherKey.namespace !== key.namespace ||
      otherKey.name !== key.name ||
      otherKey.version === key.version
    ) {
      throw invalidItem(other, 'is not another version of the same object');
    }
    const path = itemPath({
      resource: item.resource,
      group: item.group,
      version: otherKey.version,
      preferred: false,
      namespace: key.namespace,
      name: key.name,
    });
    return { key: otherKey, path, body: Buffer.from(encodeGoJson(other), 'utf8') };
  });
  return {
    key,
    json: encodeGoJson(item.object),
    unversioned: twin.unversioned(key.name),
    preferred: twin.preferred(key.name),
    others,
  };
}

/** Path builders per resource, version and namespace, so directories are built and checked once. */
export class ItemPaths {
  private readonly builders = new Map<
    string,
    { unversioned: (name: string) => string; preferred: (name: string) => string }
  >();

  twin(resource: string, group: string, version: string, namespace: string) {
    const id = `${resource}\n${group}\n${version}\n${namespace}`;
    let twin = this.builders.get(id);
    if (!twin) {
      const parts = { resource, group, namespace, preferred: true };
      twin = {
        unversioned: itemPathBuilder({ ...parts, version: undefined }),
        preferred: itemPathBuilder({ ...parts, version }),
      };
      if (this.builders.size >= 4096) this.builders.clear();
      this.builders.set(id, twin);
    }
    return twin;
  }
}

function checkObject(item: BackupItemInput, object: KubeObject): ResourceKey {
  if (typeof object?.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.metadata?.name) {
    throw new FormatError('format.invalid-item', 'object needs apiVersion, kind and metadata.name');
  }
  const key = keyOf(object);
  if (key.group !== item.group)
    throw invalidItem(object, `is in group ${JSON.stringify(key.group)}, not ${JSON.stringify(item.group)}`);
  return key;
}

function invalidItem(object: KubeObject, why: string): FormatError {
  return new FormatError(
    'format.invalid-item',
    `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name} ${why}`,
  );
}
