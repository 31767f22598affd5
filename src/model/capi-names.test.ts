import { describe, expect, it } from 'vitest';
import { clusterNamedIn, isCapiGroup, kubeconfigSecretName, linkedObjectNames } from './capi-names.js';

describe('clusterNamedIn', () => {
  const clusters = new Set(['prod-1', 'prod-1-user']);
  it.each([
    ['prod-1-kubeconfig', 'prod-1'],
    ['prod-1-apiserver-etcd-client', 'prod-1'],
    ['prod-1-ssh', 'prod-1'],
    ['prod-1-user-kubeconfig', 'prod-1-user'],
    ['prod-2-kubeconfig', undefined],
    ['prod-1-settings', undefined],
  ])('names %s after %s', (name, cluster) => {
    expect(clusterNamedIn(name, (c) => clusters.has(c))).toBe(cluster);
  });
});

describe('isCapiGroup', () => {
  it.each([
    ['cluster.x-k8s.io', true],
    ['infrastructure.cluster.x-k8s.io', true],
    ['addons.cluster.x-k8s.io', true],
    ['notcluster.x-k8s.io', false],
    ['', false],
  ])('says %j is Cluster API: %s', (group, expected) => {
    expect(isCapiGroup(group)).toBe(expected);
  });
});

describe('linkedObjectNames', () => {
  const object = (spec: unknown, status?: unknown) => ({
    apiVersion: 'x/v1',
    kind: 'X',
    metadata: { name: 'x' },
    spec,
    ...(status !== undefined && { status }),
  });
  it.each([
    ['a Secret identityRef', object({ identityRef: { kind: 'Secret', name: 'creds' } }), ['creds']],
    ['no other identity kind', object({ identityRef: { kind: 'VSphereClusterIdentity', name: 'id' } }), []],
    ['ClusterResourceSet resources', object({ resources: [{ name: 'cni' }, { kind: 'Secret' }] }), ['cni']],
    [
      'bootstrap data Secrets in spec and status',
      object({ bootstrap: { dataSecretName: 'a' } }, { dataSecretName: 'b' }),
      ['a', 'b'],
    ],
    ['nothing from a malformed spec', object({ resources: 'cni', bootstrap: 3 }), []],
  ])('finds %s', (_name, obj, names) => {
    expect(linkedObjectNames(obj)).toEqual(names);
  });
});

describe('kubeconfigSecretName', () => {
  it("names a cluster's kubeconfig Secret <cluster>-kubeconfig", () => {
    expect(kubeconfigSecretName('wc1')).toBe('wc1-kubeconfig');
  });
});
