/** Machine builder: labels, version-shaped refs, derived phase, ownerReferences, uids. */
import { describe, expect, it } from 'vitest';
import { cluster, kubeadmControlPlane } from './cluster.js';
import { machine } from './machine.js';
import { fakeUid } from './object-builder.js';
import { machineSet } from './workers.js';

const NS = 'prod';

describe('machine', () => {
  it.each([
    {
      name: 'a control-plane machine carries the control-plane labels',
      build: () => machine(NS, 'wc1-control-plane-x7k2q').cluster('wc1').controlPlane('wc1-control-plane'),
      labels: {
        'cluster.x-k8s.io/cluster-name': 'wc1',
        'cluster.x-k8s.io/control-plane': '',
        'cluster.x-k8s.io/control-plane-name': 'wc1-control-plane',
      },
    },
    {
      name: 'a worker carries its cluster, deployment and set labels',
      build: () =>
        machine(NS, 'wc1-md-0-abc-x7k2q')
          .cluster('wc1')
          .deployment('wc1-md-0')
          .set(machineSet(NS, 'wc1-md-0-abc')),
      labels: {
        'cluster.x-k8s.io/cluster-name': 'wc1',
        'cluster.x-k8s.io/deployment-name': 'wc1-md-0',
        'cluster.x-k8s.io/set-name': 'wc1-md-0-abc',
      },
    },
    { name: 'a machine without a cluster has no labels', build: () => machine(NS, 'm'), labels: undefined },
  ])('$name', ({ build, labels }) => {
    expect(build().build().metadata.labels).toEqual(labels);
  });

  it.each([
    {
      version: 'v1beta1' as const,
      infrastructureRef: {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
        kind: 'VSphereMachine',
        name: 'm1',
        namespace: NS,
      },
      nodeRef: { apiVersion: 'v1', kind: 'Node', name: 'm1' },
    },
    {
      version: 'v1beta2' as const,
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereMachine', name: 'm1' },
      nodeRef: { name: 'm1' },
    },
  ])(
    'a $version machine has $version-shaped infrastructure and node refs',
    ({ version, infrastructureRef, nodeRef }) => {
      const obj = machine(NS, 'm1', version)
        .cluster('wc1')
        .withProviderID('vsphere://42aa')
        .withNodeRef('m1')
        .build();
      expect(obj.spec).toMatchObject({ clusterName: 'wc1', providerID: 'vsphere://42aa' });
      expect((obj.spec as { infrastructureRef: unknown }).infrastructureRef).toEqual(infrastructureRef);
      expect((obj.status as { nodeRef: unknown }).nodeRef).toEqual(nodeRef);
    },
  );

  it.each([
    { name: 'is Provisioning without a providerID', build: () => machine(NS, 'm'), phase: 'Provisioning' },
    {
      name: 'is Provisioned with a providerID',
      build: () => machine(NS, 'm').withProviderID('vsphere://42'),
      phase: 'Provisioned',
    },
    {
      name: 'is Running with a nodeRef',
      build: () => machine(NS, 'm').withProviderID('vsphere://42').withNodeRef('m'),
      phase: 'Running',
    },
    {
      name: 'keeps an explicit phase',
      build: () => machine(NS, 'm').withNodeRef('m').phase('Deleting'),
      phase: 'Deleting',
    },
  ])('a machine $name', ({ build, phase }) => {
    expect((build().build().status as { phase: string }).phase).toBe(phase);
  });

  it('points its ownerReference at the owner uid as controller', () => {
    const kcp = kubeadmControlPlane(NS, 'wc1-control-plane').withUID().build();
    const obj = machine(NS, 'm').ownedBy(kcp).build();
    expect(obj.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
        kind: 'KubeadmControlPlane',
        name: 'wc1-control-plane',
        uid: kcp.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  it('accepts a builder as owner and a non-controller owner', () => {
    const obj = machine(NS, 'm')
      .ownedBy(cluster(NS, 'wc1').withUID('11111111-2222-4333-8444-555555555555'), { controller: false })
      .build();
    expect(obj.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Cluster',
      uid: '11111111-2222-4333-8444-555555555555',
      controller: false,
    });
  });

  it('refuses an owner without a uid', () => {
    expect(() => machine(NS, 'm').ownedBy(cluster(NS, 'wc1').build())).toThrow(/no metadata\.uid/);
  });

  it.each([
    { name: 'has no uid unless asked', build: () => machine(NS, 'm'), uid: undefined },
    {
      name: 'gets a deterministic uid from withUID()',
      build: () => machine(NS, 'm').withUID(),
      uid: fakeUid('cluster.x-k8s.io/v1beta1', 'Machine', NS, 'm'),
    },
    {
      name: 'gets the same uid in v1beta2',
      build: () => machine(NS, 'm', 'v1beta2').withUID(),
      uid: fakeUid('cluster.x-k8s.io/v1beta1', 'Machine', NS, 'm'),
    },
  ])('a machine $name', ({ build, uid }) => {
    expect(build().build().metadata.uid).toBe(uid);
  });
});
