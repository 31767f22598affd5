import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { LAST_APPLIED_ANNOTATION, normalize } from './normalize.js';

const live = (): KubeObject => ({
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'Machine',
  metadata: {
    name: 'm-0',
    namespace: 'prod',
    uid: 'abc',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-01-01T00:00:00Z',
    selfLink: '/apis/…/m-0',
    managedFields: [{ manager: 'kubectl' }],
    labels: { a: 'b' },
    annotations: { [LAST_APPLIED_ANNOTATION]: '{}' },
    ownerReferences: [{ apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'MachineSet', name: 'ms', uid: 'u1' }],
    finalizers: ['machine.cluster.x-k8s.io'],
  },
  spec: { providerID: 'vsphere://1' },
  status: { phase: 'Running' },
});

describe('normalize', () => {
  const cases: [string, (o: KubeObject) => unknown, unknown][] = [
    ['drops the uid', (o) => o.metadata.uid, undefined],
    ['drops the resourceVersion', (o) => o.metadata.resourceVersion, undefined],
    ['drops the generation', (o) => o.metadata.generation, undefined],
    ['drops the creationTimestamp', (o) => o.metadata.creationTimestamp, undefined],
    ['drops managedFields', (o) => o.metadata.managedFields, undefined],
    ['drops selfLink', (o) => o.metadata.selfLink, undefined],
    ['drops annotations left empty by removing last-applied', (o) => o.metadata.annotations, undefined],
    [
      'keeps owner references without their uids',
      (o) => o.metadata.ownerReferences,
      [{ apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'MachineSet', name: 'ms' }],
    ],
    ['keeps labels', (o) => o.metadata.labels, { a: 'b' }],
    ['keeps finalizers', (o) => o.metadata.finalizers, ['machine.cluster.x-k8s.io']],
    ['keeps the spec', (o) => o.spec, { providerID: 'vsphere://1' }],
    ['drops status by default', (o) => o.status, undefined],
  ];
  it.each(cases)('%s', (_name, pick, expected) => {
    expect(pick(normalize(live()))).toEqual(expected);
  });

  it('keeps status when asked to', () => {
    expect(normalize(live(), { includeStatus: true }).status).toEqual({ phase: 'Running' });
  });

  it('keeps other annotations', () => {
    const o = live();
    o.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: '{}', note: 'x' };
    expect(normalize(o).metadata.annotations).toEqual({ note: 'x' });
  });

  it('leaves its input untouched', () => {
    const o = live();
    normalize(o);
    expect(o).toEqual(live());
  });

  it('makes two copies of one object that differ only in server fields equal', () => {
    const other = live();
    other.metadata = { ...other.metadata, uid: 'zzz', resourceVersion: '99', generation: 9 };
    expect(normalize(other)).toEqual(normalize(live()));
  });
});
