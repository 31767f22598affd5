/** Core builders: Secret encoding, the kubeconfig Secret, ConfigMap, Namespace, Node. */
import { describe, expect, it } from 'vitest';
import { configMap, kubeconfigSecret, namespace, node, secret } from './core.js';

const decode = (value: string): string => Buffer.from(value, 'base64').toString('utf8');

describe('core builders', () => {
  it('stores Secret data base64-encoded as the API does', () => {
    const obj = secret('prod', 's').data({ username: 'admin', password: 'p@ss' }).build();
    expect(obj).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque' });
    expect(obj.data).toEqual({ username: 'YWRtaW4=', password: 'cEBzcw==' });
  });

  it('names the kubeconfig Secret after its cluster with key value, CAPI type and cluster label', () => {
    const obj = kubeconfigSecret('prod', 'wc1', 'apiVersion: v1\nkind: Config\n').build();
    expect(obj.metadata).toEqual({
      name: 'wc1-kubeconfig',
      namespace: 'prod',
      labels: { 'cluster.x-k8s.io/cluster-name': 'wc1' },
    });
    expect(obj.type).toBe('cluster.x-k8s.io/secret');
    expect(decode((obj.data as { value: string }).value)).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('keeps ConfigMap data as plain text', () => {
    expect(configMap('prod', 'cm').data({ a: '1' }).build()).toMatchObject({
      kind: 'ConfigMap',
      data: { a: '1' },
    });
  });

  it('builds a cluster-scoped Namespace', () => {
    const obj = namespace('prod').build();
    expect(obj.metadata).toEqual({ name: 'prod', labels: { 'kubernetes.io/metadata.name': 'prod' } });
  });

  it.each([
    { name: 'a ready worker node', build: () => node('w1'), ready: 'True', role: false },
    { name: 'a not-ready worker node', build: () => node('w1').ready(false), ready: 'False', role: false },
    { name: 'a ready control-plane node', build: () => node('w1').controlPlane(), ready: 'True', role: true },
  ])('builds $name', ({ build, ready, role }) => {
    const obj = build().providerID('vsphere://42ab').build();
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.spec).toMatchObject({ providerID: 'vsphere://42ab' });
    expect((obj.status as { conditions: unknown[] }).conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: ready }),
    ]);
    expect('node-role.kubernetes.io/control-plane' in (obj.metadata.labels ?? {})).toBe(role);
  });
});
