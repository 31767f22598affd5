/** How a Cluster API Cluster is paused: `spec.paused` or the paused annotation, in v1beta1 and v1beta2 alike (pure). */
import { isRecord } from '../common/records.js';

/** Cluster API's paused annotation, honoured by every provider. */
export const CAPI_PAUSED_ANNOTATION = 'cluster.x-k8s.io/paused';

/** The parts of a Cluster the pause rule reads. */
export interface PausableObject {
  spec?: unknown;
  metadata: { annotations?: Record<string, string> };
}

/** How a Cluster is paused (`spec.paused: true` or the annotation), or undefined when it is not. */
export function pausedBy(cluster: PausableObject): string | undefined {
  const spec = isRecord(cluster.spec) ? cluster.spec : {};
  if (spec.paused === true) return 'spec.paused: true';
  if (hasPausedAnnotation(cluster)) return `annotation ${CAPI_PAUSED_ANNOTATION}`;
  return undefined;
}

/** True when the Cluster is paused by either means. */
export function isPaused(cluster: PausableObject): boolean {
  return pausedBy(cluster) !== undefined;
}

/** True when the Cluster carries the paused annotation (whatever its value, as Cluster API reads it). */
export function hasPausedAnnotation(cluster: Pick<PausableObject, 'metadata'>): boolean {
  const annotations = cluster.metadata.annotations;
  return Boolean(annotations && CAPI_PAUSED_ANNOTATION in annotations);
}

/**
 * The merge patch that sets `spec.paused`. Unpausing with `clearAnnotation` also removes the
 * annotation: only for an operator's explicit unpause, since the annotation is usually someone
 * else's hold.
 */
export function pausePatch(paused: boolean, clearAnnotation = false): Record<string, unknown> {
  const patch: Record<string, unknown> = { spec: { paused } };
  if (!paused && clearAnnotation) patch.metadata = { annotations: { [CAPI_PAUSED_ANNOTATION]: null } };
  return patch;
}
