/** When is a Cluster API Cluster ready after unpausing (v1beta1 and v1beta2)? (pure) */
import type { KubeObject } from '../model/resource-key.js';
import { isRecord } from './transforms/index.js';

/** A readiness verdict with the reason, for messages. */
export interface Readiness {
  ready: boolean;
  reason: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/**
 * Ready when a controller has observed the cluster since it was unpaused (when the status carries
 * `observedGeneration`, it must reach `minGeneration`) and either the `Ready` condition (v1beta1)
 * or `Available` condition (v1beta2) is True, or — with neither condition present —
 * `status.phase` is `Provisioned`.
 */
export function clusterReadiness(cluster: KubeObject, minGeneration?: number): Readiness {
  const status = isRecord(cluster.status) ? cluster.status : {};
  const observed = status.observedGeneration;
  if (minGeneration !== undefined && typeof observed === 'number' && observed < minGeneration)
    return { ready: false, reason: `waiting for a controller to observe generation ${minGeneration}` };
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as Condition[];
  const condition =
    conditions.find((c) => c?.type === 'Ready') ?? conditions.find((c) => c?.type === 'Available');
  if (condition) {
    const ready = condition.status === 'True';
    const why = [condition.reason, condition.message].filter(Boolean).join(': ');
    return {
      ready,
      reason: `${condition.type} is ${condition.status ?? 'Unknown'}${why ? ` (${why})` : ''}`,
    };
  }
  const phase = typeof status.phase === 'string' ? status.phase : undefined;
  if (phase === 'Provisioned') return { ready: true, reason: 'phase is Provisioned' };
  return { ready: false, reason: phase ? `phase is ${phase}` : 'no status yet' };
}
