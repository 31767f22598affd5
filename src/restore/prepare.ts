/** Turns one backed-up item into the object a restore writes: transforms, namespace mapping, status aside (pure). */
import type { BackupItem } from '../format/index.js';
import { keyString, parseApiVersion, type ResourceKey } from '../model/resource-key.js';
import {
  addRestoreLabels,
  applyKindTransforms,
  mapReferenceNamespaces,
  stripForRestore,
} from './transforms/index.js';
import type { PlannedObject, TargetResource } from './types.js';

/** What preparing needs besides the item. */
export interface PrepareContext {
  restoreName: string;
  backupName: string;
  mapNamespace(namespace: string): string;
  namespaceMapping: Record<string, string>;
  /** True when the status of this item is to be restored. */
  wantsStatus(item: BackupItem): boolean;
}

/** The prepared object, or the reason it is left out. */
export type Prepared = { planned: PlannedObject } | { skip: string };

/** Prepares `item` for writing as `resource` in the target; owner links are filled in by the planner. */
export function prepareItem(item: BackupItem, resource: TargetResource, ctx: PrepareContext): Prepared {
  const { object, status } = stripForRestore(item.object);
  const kind = applyKindTransforms(item.group, object);
  if (kind.skip) return { skip: kind.skip };
  const targetNamespace = item.namespace ? ctx.mapNamespace(item.namespace) : '';
  if (targetNamespace) object.metadata.namespace = targetNamespace;
  if (item.group === '' && object.kind === 'Namespace')
    object.metadata.name = ctx.mapNamespace(object.metadata.name);
  mapReferenceNamespaces(object, ctx.namespaceMapping);
  object.apiVersion = item.group ? `${item.group}/${resource.version}` : resource.version;
  addRestoreLabels(object, ctx.restoreName, ctx.backupName);
  const source = keyOfItem(item);
  const target: ResourceKey = {
    group: item.group,
    version: resource.version,
    kind: object.kind,
    namespace: targetNamespace,
    name: object.metadata.name,
  };
  const planned: PlannedObject = {
    id: keyString(target),
    source,
    target,
    resource,
    object,
    owners: [],
  };
  if (status && ctx.wantsStatus(item)) planned.status = status;
  if (item.object.metadata.uid) planned.oldUid = item.object.metadata.uid;
  if (kind.pausedByRestore) planned.pausedByRestore = true;
  return { planned };
}

/** A Namespace the restore adds for objects whose namespace is not otherwise restored. */
export function implicitNamespace(name: string, ctx: PrepareContext, backedUp?: BackupItem): PlannedObject {
  const resource: TargetResource = {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
  };
  const prepared = backedUp ? prepareItem(backedUp, resource, ctx) : undefined;
  const planned = prepared && 'planned' in prepared ? prepared.planned : bareNamespace(name, resource, ctx);
  planned.object.metadata.name = name;
  planned.target.name = name;
  planned.id = keyString(planned.target);
  planned.implicit = true;
  return planned;
}

function bareNamespace(name: string, resource: TargetResource, ctx: PrepareContext): PlannedObject {
  const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  addRestoreLabels(object, ctx.restoreName, ctx.backupName);
  const key: ResourceKey = { group: '', version: 'v1', kind: 'Namespace', namespace: '', name };
  return { id: keyString(key), source: key, target: { ...key }, resource, object, owners: [] };
}

function keyOfItem(item: BackupItem): ResourceKey {
  const { version } = parseApiVersion(item.object.apiVersion);
  return {
    group: item.group,
    version: item.version || version,
    kind: item.object.kind,
    namespace: item.namespace,
    name: item.name,
  };
}
