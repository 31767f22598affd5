/** Builders of drift state for unit tests: object records and cluster shards. */
import { type ClusterState, newRecord, type ObjectRecord } from '../../src/profiles/state.js';

/** A ConfigMap `a/<name>` record of `profile` on fleet/wc1, with `fields` on top. */
export function objectRecord(
  profile: string,
  name: string,
  fields: Partial<ObjectRecord> = {},
): ObjectRecord {
  return {
    ...newRecord(
      {
        cluster: 'fleet/wc1',
        profile,
        key: `core/ConfigMap/a/${name}`,
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'a',
        name,
      },
      't',
    ),
    ...fields,
  };
}

/** A cluster shard holding `objects`, with `cluster` fields on top of a reachable cluster. */
export function clusterShard(
  id: string,
  objects: ObjectRecord[],
  cluster: Partial<ClusterState['cluster']> = {},
): ClusterState {
  return {
    version: 1,
    cluster: { id, reachable: true, since: 't', profiles: [], ...cluster },
    objects: Object.fromEntries(objects.map((o) => [`${o.profile}|${o.key}`, o])),
  };
}
