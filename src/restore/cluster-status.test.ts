/** Tests of cluster readiness after unpausing (v1beta1 and v1beta2). */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { clusterReadiness, type Readiness } from './cluster-status.js';

const cluster = (status: unknown, generation = 2): KubeObject =>
  ({
    apiVersion: 'cluster.x-k8s.io/v1beta1',
    kind: 'Cluster',
    metadata: { name: 'c', generation },
    status,
  }) as KubeObject;

describe('cluster readiness after unpausing', () => {
  it.each<[string, unknown, number | undefined, Readiness]>([
    [
      'ready when the v1beta1 Ready condition is True',
      { conditions: [{ type: 'Ready', status: 'True' }] },
      undefined,
      { ready: true, reason: 'Ready is True' },
    ],
    [
      'ready when the v1beta2 Available condition is True',
      { conditions: [{ type: 'Available', status: 'True' }] },
      undefined,
      { ready: true, reason: 'Available is True' },
    ],
    [
      'not ready while the Ready condition is False, with its reason',
      {
        phase: 'Provisioned',
        conditions: [{ type: 'Ready', status: 'False', reason: 'WaitingForControlPlane' }],
      },
      undefined,
      { ready: false, reason: 'Ready is False (WaitingForControlPlane)' },
    ],
    [
      'ready on phase Provisioned when there are no conditions',
      { phase: 'Provisioned' },
      undefined,
      { ready: true, reason: 'phase is Provisioned' },
    ],
    [
      'not ready on another phase',
      { phase: 'Provisioning' },
      undefined,
      { ready: false, reason: 'phase is Provisioning' },
    ],
    ['not ready without a status', undefined, undefined, { ready: false, reason: 'no status yet' }],
    [
      'not ready on a stale status a controller has not refreshed since the unpause',
      { observedGeneration: 1, phase: 'Provisioned' },
      2,
      { ready: false, reason: 'waiting for a controller to observe generation 2' },
    ],
  ])('%s', (_name, status, minGeneration, expected) => {
    expect(clusterReadiness(cluster(status), minGeneration)).toEqual(expected);
  });
});
