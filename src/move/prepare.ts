/** Turns a source object into what the move writes in the target: server fields out, Clusters paused, move label in (pure). */
import { isCapiGroup } from '../model/capi-names.js';
import { formatApiVersion, type KubeObject, keyOf, keyString } from '../model/resource-key.js';
import { isRecord, labelValue, stripForRestore } from '../restore/transforms/index.js';
import type { TargetResource } from '../restore/types.js';
import { isCluster } from './graph.js';
import { MOVED_BY_LABEL, type MoveObject, type MovePlanned } from './types.js';

/**
 * The planned object for `o` written as `resource`: uid, resourceVersion and other server fields
 * removed, finalizers and ownerReferences kept (their uids are rewritten when written), Clusters
 * paused, the `driftline.dev/move` label set, and — for Cluster API kinds — the status kept aside
 * to be written through the status subresource, as clusterctl does.
 */
export function prepareObject(o: MoveObject, resource: TargetResource, moveName: string): MovePlanned {
  const { object, status } = stripForRestore(o.object);
  object.apiVersion = formatApiVersion(resource.group, resource.version);
  object.metadata.labels = { ...object.metadata.labels, [MOVED_BY_LABEL]: labelValue(moveName) };
  const paused = isCluster(o) ? pause(object) : false;
  const source = keyOf(o.object);
  const target = { ...source, version: resource.version };
  const planned: MovePlanned = {
    id: keyString(target),
    source,
    target,
    resource,
    object,
    owners: [],
    reason: o.reason,
    sourceResource: o.resource,
  };
  if (status && isCapiGroup(resource.group)) planned.status = status;
  if (o.object.metadata.uid) planned.oldUid = o.object.metadata.uid;
  if (paused) planned.pausedByRestore = true;
  if (o.keepInSource) planned.keepInSource = o.keepInSource;
  return planned;
}

function pause(object: KubeObject): boolean {
  const spec = isRecord(object.spec) ? object.spec : {};
  spec.paused = true;
  object.spec = spec;
  return true;
}
