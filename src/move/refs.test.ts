/** Tests of reference extraction (v1beta1 and v1beta2 shapes) and Cluster API naming conventions. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { namedAfterCluster, type Reference, referencesOf } from './refs.js';

const object = (apiVersion: string, kind: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: 'ns' },
  spec,
});
const strip = (refs: Reference[]) => refs.map(({ via: _via, ...r }) => r);

describe('the references of an object', () => {
  it.each<[string, KubeObject, Omit<Reference, 'via'>[]]>([
    [
      'a v1beta1 cluster names its infrastructure and control plane with apiVersion',
      object('cluster.x-k8s.io/v1beta1', 'Cluster', {
        infrastructureRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'VSphereCluster',
          name: 'c',
          namespace: 'ns',
        },
        controlPlaneRef: {
          apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
          kind: 'KubeadmControlPlane',
          name: 'c-cp',
        },
      }),
      [
        { group: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereCluster', namespace: 'ns', name: 'c' },
        {
          group: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          namespace: 'ns',
          name: 'c-cp',
        },
      ],
    ],
    [
      'a v1beta2 cluster names them with apiGroup, and its class with classRef',
      object('cluster.x-k8s.io/v1beta2', 'Cluster', {
        infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereCluster', name: 'c' },
        topology: { classRef: { name: 'gold' } },
      }),
      [
        { group: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereCluster', namespace: 'ns', name: 'c' },
        { group: 'cluster.x-k8s.io', kind: 'ClusterClass', namespace: 'ns', name: 'gold' },
      ],
    ],
    [
      'a v1beta1 topology names its class and its namespace',
      object('cluster.x-k8s.io/v1beta1', 'Cluster', {
        topology: { class: 'gold', classNamespace: 'classes' },
      }),
      [{ group: 'cluster.x-k8s.io', kind: 'ClusterClass', namespace: 'classes', name: 'gold' }],
    ],
    [
      'an identityRef to a Secret resolves to the core group',
      object('infrastructure.cluster.x-k8s.io/v1beta1', 'VSphereCluster', {
        identityRef: { kind: 'Secret', name: 'creds' },
      }),
      [{ group: '', kind: 'Secret', namespace: 'ns', name: 'creds' }],
    ],
    [
      'a ref without a group matches any group',
      object('example.com/v1', 'Thing', { nested: [{ ref: { kind: 'Widget', name: 'w' } }] }),
      [{ kind: 'Widget', namespace: 'ns', name: 'w' }],
    ],
    [
      'a dataSecretName names a Secret',
      object('cluster.x-k8s.io/v1beta1', 'Machine', { bootstrap: { dataSecretName: 'boot' } }),
      [{ group: '', kind: 'Secret', namespace: 'ns', name: 'boot' }],
    ],
    [
      'a ClusterResourceSetBinding names its sets',
      object('addons.cluster.x-k8s.io/v1beta1', 'ClusterResourceSetBinding', {
        bindings: [{ clusterResourceSetName: 'crs-1' }],
      }),
      [{ group: 'addons.cluster.x-k8s.io', kind: 'ClusterResourceSet', namespace: 'ns', name: 'crs-1' }],
    ],
    [
      'an object without spec references nothing',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      [],
    ],
  ])('%s', (_name, o, expected) => {
    expect(strip(referencesOf(o))).toEqual(expected);
  });

  it('says where each reference was found', () => {
    const refs = referencesOf(object('x.io/v1', 'T', { a: { b: [{ kind: 'Secret', name: 's' }] } }));
    expect(refs.map((r) => r.via)).toEqual(['spec.a.b[0]']);
  });
});

describe('objects named after a cluster', () => {
  const clusters = new Set(['prod']);
  it.each<[string, string, string, string | undefined]>([
    ['the kubeconfig Secret', 'Secret', 'prod-kubeconfig', 'prod'],
    ['a certificate Secret', 'Secret', 'prod-etcd', 'prod'],
    ['the user kubeconfig', 'Secret', 'prod-user-kubeconfig', 'prod'],
    ['a ConfigMap', 'ConfigMap', 'prod-ca', 'prod'],
    ['another cluster', 'Secret', 'dev-kubeconfig', undefined],
    ['another suffix', 'Secret', 'prod-extra', undefined],
  ])('%s', (_name, kind, name, expected) => {
    expect(namedAfterCluster({ apiVersion: 'v1', kind, metadata: { name } }, clusters)).toBe(expected);
  });

  it('belong to the cluster whose kubeconfig they would be when two readings exist', () => {
    const both = new Set(['prod', 'prod-user']);
    expect(
      namedAfterCluster(
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'prod-user-kubeconfig' } },
        both,
      ),
    ).toBe('prod-user');
  });

  it('are only core Secrets and ConfigMaps', () => {
    expect(
      namedAfterCluster({ apiVersion: 'x.io/v1', kind: 'Secret', metadata: { name: 'prod-ca' } }, clusters),
    ).toBeUndefined();
  });
});
