/** Services get a fresh cluster IP in the target; the source's would collide or fall outside its range. */
import type { KubeObject } from '../../model/resource-key.js';
import { isRecord } from './common.js';
import type { KindTransformResult } from './table.js';

/** Drops `spec.clusterIP(s)` unless the Service is headless (`None`), like Velero's service action. */
export function resetClusterIP(object: KubeObject): KindTransformResult {
  const spec = object.spec;
  if (!isRecord(spec) || spec.clusterIP === 'None') return {};
  delete spec.clusterIP;
  delete spec.clusterIPs;
  return {};
}
