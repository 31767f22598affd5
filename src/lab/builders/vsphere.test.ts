/** CAPV and kubeadm bootstrap builders in both versions. */
import { describe, expect, it } from 'vitest';
import { kubeadmConfig } from './bootstrap.js';
import { vsphereCluster, vsphereMachine, vsphereVM } from './vsphere.js';

describe('vSphere builders', () => {
  it('records the vCenter, thumbprint and identity on a VSphereCluster', () => {
    const obj = vsphereCluster('prod', 'wc1')
      .cluster('wc1')
      .server('https://127.0.0.1:8989/sdk')
      .thumbprint('AB:CD')
      .identityRef({ kind: 'Secret', name: 'wc1' })
      .build();
    expect(obj).toMatchObject({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'VSphereCluster',
      spec: {
        server: 'https://127.0.0.1:8989/sdk',
        thumbprint: 'AB:CD',
        identityRef: { kind: 'Secret', name: 'wc1' },
      },
      status: { ready: true },
    });
  });

  it.each([
    { version: 'v1beta1' as const, status: { ready: true } },
    { version: 'v1beta2' as const, status: { initialization: { provisioned: true } } },
  ])('a $version VSphereMachine with a providerID reports itself provisioned', ({ version, status }) => {
    const obj = vsphereMachine('prod', 'm1', version).withProviderID('vsphere://42ab').build();
    expect(obj.spec).toMatchObject({ providerID: 'vsphere://42ab' });
    expect(obj.status).toEqual(status);
  });

  it.each([
    {
      version: 'v1beta1' as const,
      bootstrapRef: { apiVersion: 'v1', kind: 'Secret', name: 'm1', namespace: 'prod' },
    },
    { version: 'v1beta2' as const, bootstrapRef: { name: 'm1' } },
  ])(
    'a $version VSphereVM carries its BIOS UUID and a $version bootstrap ref',
    ({ version, bootstrapRef }) => {
      const obj = vsphereVM('prod', 'm1', version).biosUUID('42ab').build();
      expect(obj.spec).toMatchObject({ biosUUID: '42ab', bootstrapRef });
    },
  );

  it.each([
    { version: 'v1beta1' as const, kubeletExtraArgs: { 'cloud-provider': 'external' } },
    { version: 'v1beta2' as const, kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }] },
  ])(
    'a $version KubeadmConfig writes kubelet args in the $version shape',
    ({ version, kubeletExtraArgs }) => {
      const obj = kubeadmConfig('prod', 'm1', version).build();
      expect(obj.spec).toMatchObject({ joinConfiguration: { nodeRegistration: { kubeletExtraArgs } } });
    },
  );
});
