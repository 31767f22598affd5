/** Tests of the per-kind restore transforms, stripping, namespace references and label values. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/resource-key.js';
import {
  applyKindTransforms,
  labelValue,
  mapReferenceNamespaces,
  PAUSED_IN_BACKUP_ANNOTATION,
  stripForRestore,
} from './index.js';

const object = (
  kind: string,
  body: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject =>
  ({ apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'ns', ...meta }, ...body }) as KubeObject;

describe('stripping an object for restore', () => {
  it('removes every server-set field and keeps status aside', () => {
    const backedUp = object(
      'ConfigMap',
      { data: { a: '1' }, status: { phase: 'x' } },
      {
        uid: 'u',
        resourceVersion: '1',
        creationTimestamp: 't',
        managedFields: [],
        generation: 2,
        selfLink: '/x',
        labels: { a: 'b' },
      },
    );
    const { object: stripped, status } = stripForRestore(backedUp);
    expect(stripped).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'ns', labels: { a: 'b' } },
      data: { a: '1' },
    });
    expect(status).toEqual({ phase: 'x' });
    expect(backedUp.metadata.uid).toBe('u');
  });
});

describe('kind transforms', () => {
  it.each<
    [string, string, KubeObject, Record<string, unknown>, { skip?: string; pausedByRestore?: boolean }]
  >([
    [
      'pause a running Cluster',
      'cluster.x-k8s.io',
      object('Cluster', { spec: { paused: false } }),
      { spec: { paused: true } },
      { pausedByRestore: true },
    ],
    [
      'mark a Cluster that was already paused in its backup',
      'cluster.x-k8s.io',
      object('Cluster', { spec: { paused: true } }),
      { spec: { paused: true }, metadata: { annotations: { [PAUSED_IN_BACKUP_ANNOTATION]: 'true' } } },
      {},
    ],
    [
      'leave a Cluster of another group alone',
      'example.com',
      object('Cluster', { spec: {} }),
      { spec: {} },
      {},
    ],
    [
      'give a Service a fresh cluster IP',
      '',
      object('Service', { spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [] } }),
      { spec: { ports: [] } },
      {},
    ],
    [
      'keep a headless Service headless',
      '',
      object('Service', { spec: { clusterIP: 'None' } }),
      { spec: { clusterIP: 'None' } },
      {},
    ],
    [
      'skip the root CA ConfigMap',
      '',
      object('ConfigMap', {}, { name: 'kube-root-ca.crt' }),
      {},
      { skip: "published by the target's controllers with the target's own CA" },
    ],
    [
      'skip service-account tokens',
      '',
      object('Secret', { type: 'kubernetes.io/service-account-token' }),
      {},
      { skip: "a service-account token signed by the source cluster's keys" },
    ],
    [
      'drop generated token references of a ServiceAccount',
      '',
      object('ServiceAccount', { secrets: [{ name: 'x-token-abc' }, { name: 'pull' }] }),
      { secrets: [{ name: 'pull' }] },
      {},
    ],
  ])('%s', (_name, group, input, expectedFields, expected) => {
    const result = applyKindTransforms(group, input);
    expect(result).toEqual(expected);
    if (!expected.skip) expect(input).toMatchObject(expectedFields);
  });
});

describe('namespace mapping inside specs', () => {
  it('rewrites references that name a mapped namespace, and only those', () => {
    const cluster = object('Cluster', {
      spec: {
        infrastructureRef: { kind: 'VSphereCluster', name: 'c', namespace: 'old' },
        controlPlaneRef: { kind: 'KubeadmControlPlane', name: 'cp', namespace: 'elsewhere' },
        topology: { workers: [{ ref: { kind: 'T', name: 't', namespace: 'old' } }] },
        note: { namespace: 'old' },
      },
    });
    expect(mapReferenceNamespaces(cluster, { old: 'new' })).toEqual([
      'spec.infrastructureRef.namespace',
      'spec.topology.workers[0].ref.namespace',
    ]);
    expect(cluster.spec).toMatchObject({
      controlPlaneRef: { namespace: 'elsewhere' },
      note: { namespace: 'old' },
    });
  });
});

describe('label values', () => {
  it.each([
    ['keep a short name', 'restore-1', 'restore-1'],
    [
      'cut and hash a long name to 63 characters',
      'r'.repeat(80),
      expect.stringMatching(/^r{57}[0-9a-f]{6}$/),
    ],
  ])('%s', (_name, input, expected) => {
    expect(labelValue(input)).toEqual(expected);
  });
});
