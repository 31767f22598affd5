/** Deleting what a pruning profile no longer declares, from one workload cluster. */
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { parseApiVersion } from '../model/resource-key.js';
import { ownedBy } from '../profiles/prune.js';
import type { ObjectRecord } from '../profiles/state.js';
import type { ClusterClient } from './ports.js';

/**
 * Deletes each candidate's object if the live object is still labelled as deployed by its
 * profile (someone may have taken it over since); returns the records to keep: deletions that
 * failed, which the next start retries.
 */
export async function pruneObjects(
  deps: { client: ClusterClient; cluster: string; logger: Logger },
  candidates: readonly ObjectRecord[],
): Promise<ObjectRecord[]> {
  const { client, cluster, logger } = deps;
  const failed: ObjectRecord[] = [];
  await mapLimit(candidates, 4, async (r) => {
    const what = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
    try {
      const ref = await client.resolve({ ...parseApiVersion(r.apiVersion), kind: r.kind });
      const live = await client.get(ref, r.namespace, r.name);
      if (!live) return;
      if (!ownedBy(live.metadata.labels, r.profile)) {
        logger.warn(
          { cluster, profile: r.profile },
          `not pruning ${what}: it is no longer labelled as the profile's`,
        );
        return;
      }
      await client.delete(ref, r.namespace, r.name);
      logger.warn({ cluster, profile: r.profile }, `pruned ${what}: the profile no longer declares it`);
    } catch (err) {
      failed.push(r);
      logger.warn(
        { cluster, profile: r.profile, err: describeError(err) },
        `cannot prune ${what}; will retry`,
      );
    }
  });
  return failed;
}
