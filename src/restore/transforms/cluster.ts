/** Cluster API Clusters are created paused, so no controller acts before the whole graph is back. */
import type { KubeObject } from '../../model/resource-key.js';
import { ANNOTATIONS } from '../../model/vocabulary.js';
import { isRecord } from './common.js';
import type { KindTransformResult } from './table.js';

/** Marks Clusters that were already paused in the backup; `unpause --all` leaves them paused. */
export const PAUSED_IN_BACKUP_ANNOTATION = ANNOTATIONS.pausedInBackup;

/** Sets `spec.paused: true`; a Cluster paused in the backup keeps its pause and gets the marker annotation. */
export function pauseCluster(object: KubeObject): KindTransformResult {
  const spec = isRecord(object.spec) ? object.spec : {};
  object.spec = spec;
  if (spec.paused === true) {
    object.metadata.annotations = { ...object.metadata.annotations, [PAUSED_IN_BACKUP_ANNOTATION]: 'true' };
    return {};
  }
  spec.paused = true;
  return { pausedByRestore: true };
}
