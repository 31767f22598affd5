/** Cluster and KubeadmControlPlane builders: version-shaped refs, pause, labels, status. */
import { describe, expect, it } from 'vitest';
import type { CapiVersion } from './capi.js';
import { cluster, kubeadmControlPlane } from './cluster.js';

const refCases: Array<{ version: CapiVersion; controlPlaneRef: object; infrastructureRef: object }> = [
  {
    version: 'v1beta1',
    controlPlaneRef: {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
      kind: 'KubeadmControlPlane',
      name: 'wc1-control-plane',
      namespace: 'prod',
    },
    infrastructureRef: {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'VSphereCluster',
      name: 'wc1',
      namespace: 'prod',
    },
  },
  {
    version: 'v1beta2',
    controlPlaneRef: {
      apiGroup: 'controlplane.cluster.x-k8s.io',
      kind: 'KubeadmControlPlane',
      name: 'wc1-control-plane',
    },
    infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereCluster', name: 'wc1' },
  },
];

describe('cluster', () => {
  it.each(refCases)(
    'a $version Cluster carries $version-shaped refs',
    ({ version, controlPlaneRef, infrastructureRef }) => {
      const obj = cluster('prod', 'wc1', version).build();
      const spec = obj.spec as Record<string, unknown>;
      expect(obj.apiVersion).toBe(`cluster.x-k8s.io/${version}`);
      expect([spec.controlPlaneRef, spec.infrastructureRef]).toEqual([controlPlaneRef, infrastructureRef]);
    },
  );

  it.each([
    { name: 'is not paused by default', build: () => cluster('prod', 'wc1'), paused: undefined },
    { name: 'is paused by paused()', build: () => cluster('prod', 'wc1').paused(), paused: true },
    {
      name: 'is unpaused by paused(false)',
      build: () => cluster('prod', 'wc1').paused().paused(false),
      paused: undefined,
    },
  ])('a Cluster $name', ({ build, paused }) => {
    expect((build().build().spec as { paused?: boolean }).paused).toBe(paused);
  });

  it('keeps its cluster-name label and adds labels from withLabels()', () => {
    const obj = cluster('prod', 'wc1').withLabels({ env: 'prod', tier: 'gold' }).build();
    expect(obj.metadata.labels).toEqual({
      'cluster.x-k8s.io/cluster-name': 'wc1',
      env: 'prod',
      tier: 'gold',
    });
  });

  it('reports the v1beta2 status shape for a v1beta2 Cluster', () => {
    expect(cluster('prod', 'wc1', 'v1beta2').build().status).toEqual({
      phase: 'Provisioned',
      initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true },
    });
  });
});

describe('kubeadmControlPlane', () => {
  it.each([
    {
      version: 'v1beta1' as const,
      templateRefPath: ['machineTemplate', 'infrastructureRef'],
      refKey: 'apiVersion',
    },
    {
      version: 'v1beta2' as const,
      templateRefPath: ['machineTemplate', 'spec', 'infrastructureRef'],
      refKey: 'apiGroup',
    },
  ])(
    'a $version control plane refers to its machine template with $refKey',
    ({ version, templateRefPath, refKey }) => {
      const obj = kubeadmControlPlane('prod', 'wc1-control-plane', version)
        .infrastructureTemplate('wc1-cp')
        .build();
      let ref: unknown = obj.spec;
      for (const key of templateRefPath) ref = (ref as Record<string, unknown>)[key];
      expect(ref).toMatchObject({ kind: 'VSphereMachineTemplate', name: 'wc1-cp' });
      expect(ref).toHaveProperty(refKey);
    },
  );

  it('sets replicas in spec and reports them ready with a control-plane selector', () => {
    const obj = kubeadmControlPlane('prod', 'wc1-control-plane').cluster('wc1').replicas(3).build();
    expect((obj.spec as { replicas: number }).replicas).toBe(3);
    expect(obj.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      selector: 'cluster.x-k8s.io/control-plane,cluster.x-k8s.io/cluster-name=wc1',
    });
    expect(obj.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'wc1' });
  });
});
