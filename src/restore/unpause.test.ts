/** Tests of unpause's per-cluster errors: only a 404 is "not found"; any other error is reported with its code. */
import { describe, expect, it } from 'vitest';
import type { ApiResource } from '../adapters/kube/discovery.js';
import { errorFromStatus } from '../adapters/kube/errors.js';
import type { KubeObject } from '../model/resource-key.js';
import type { RestoreTarget } from './target.js';
import { unpauseClusters } from './unpause.js';

const CLUSTERS: ApiResource = {
  group: 'cluster.x-k8s.io',
  version: 'v1beta1',
  resource: 'clusters',
  kind: 'Cluster',
  namespaced: true,
  verbs: ['get', 'list', 'patch'],
  preferred: true,
  shortNames: [],
};

const paused: KubeObject = {
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'Cluster',
  metadata: { namespace: 'tkg', name: 'wc1', generation: 2 },
  spec: { paused: true },
};

/** A target whose GETs answer in turn from `answers` (an Error is thrown); patches succeed. */
function targetAnswering(...answers: (KubeObject | undefined | Error)[]): RestoreTarget {
  const fake = {
    server: 'https://fake',
    discover: async () => ({ resources: [CLUSTERS], failures: [] }),
    get: async () => {
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next instanceof Error) throw next;
      return next;
    },
    patch: async () => ({ ...paused, spec: { paused: false } }),
  };
  return fake as unknown as RestoreTarget;
}

const forbidden = errorFromStatus(
  403,
  { kind: 'Status', message: 'clusters.cluster.x-k8s.io "wc1" is forbidden: User "ro" cannot get' },
  'get clusters tkg/wc1',
);
const unavailable = errorFromStatus(
  503,
  { kind: 'Status', message: 'etcdserver: leader changed' },
  'get clusters tkg/wc1',
);

describe('unpausing a named cluster', () => {
  it.each([
    ['a 403', forbidden, /is forbidden: User "ro" cannot get \[kube\.forbidden\]$/],
    ['a 5xx', unavailable, /etcdserver: leader changed \[kube\.server\]$/],
  ])('reports %s on reading it as a failure with the real error and its code', async (_, err, message) => {
    const report = await unpauseClusters(targetAnswering(err), { clusters: ['tkg/wc1'] });
    expect(report.ok).toBe(false);
    expect(report.clusters).toEqual([
      { namespace: 'tkg', name: 'wc1', result: 'failed', message: expect.stringMatching(message) },
    ]);
  });

  it('reports a cluster that does not exist (404) as not found', async () => {
    const report = await unpauseClusters(targetAnswering(undefined), { clusters: ['tkg/wc1'] });
    expect(report.clusters[0]).toMatchObject({ result: 'not-found', message: 'no such cluster' });
  });

  it('reports a read that fails while waiting with the real error, not as not found', async () => {
    const report = await unpauseClusters(targetAnswering(paused, forbidden), {
      clusters: ['tkg/wc1'],
      wait: true,
      timeoutMs: 0,
      pollMs: 1,
    });
    expect(report.ok).toBe(false);
    expect(report.clusters[0]).toMatchObject({ result: 'unpaused', ready: false });
    expect(report.clusters[0]!.readiness).toMatch(
      /^timed out: cannot read it: .*is forbidden.*\[kube\.forbidden\]$/,
    );
  });
});
