/** The per-kind transform table: `group/Kind` → small functions, each in its own file. */
import type { KubeObject } from '../../model/resource-key.js';
import { pauseCluster } from './cluster.js';
import { dropTokenSecretRefs, skipRootCaConfigMap, skipServiceAccountToken } from './cluster-managed.js';
import { resetClusterIP } from './service.js';

/** What a kind transform decided, besides changing the object in place. */
export interface KindTransformResult {
  /** Leave the object out, for this reason. */
  skip?: string;
  /** The object is a Cluster the restore paused. */
  pausedByRestore?: boolean;
}

/** Changes a prepared copy of an object in place. */
export type KindTransform = (object: KubeObject) => KindTransformResult;

/** The table: `group/Kind` (core group as `/Kind`) → transforms applied in order. */
export const KIND_TRANSFORMS: Readonly<Record<string, readonly KindTransform[]>> = {
  'cluster.x-k8s.io/Cluster': [pauseCluster],
  '/Service': [resetClusterIP],
  '/ConfigMap': [skipRootCaConfigMap],
  '/Secret': [skipServiceAccountToken],
  '/ServiceAccount': [dropTokenSecretRefs],
};

/** Runs the kind's transforms; the first skip wins. */
export function applyKindTransforms(group: string, object: KubeObject): KindTransformResult {
  const result: KindTransformResult = {};
  for (const transform of KIND_TRANSFORMS[`${group}/${object.kind}`] ?? []) {
    const r = transform(object);
    if (r.skip) return { skip: r.skip };
    if (r.pausedByRestore) result.pausedByRestore = true;
  }
  return result;
}
