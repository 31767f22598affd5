import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { attributeDrift, restoredBy } from './attribution.js';
import { evaluateDrift } from './drift.js';

const desired: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns' },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'init', image: 'i:1' },
          { name: 'app', image: 'app:1' },
        ],
      },
    },
  },
};

const managed = (entries: unknown[], spec: unknown): KubeObject => ({
  ...desired,
  metadata: { ...desired.metadata, managedFields: entries },
  spec,
});

const driftline = {
  manager: 'driftline',
  operation: 'Apply',
  time: '2024-05-01T10:00:00Z',
  fieldsV1: {
    'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"init"}': { 'f:image': {} } } } } },
  },
};

describe('attributeDrift', () => {
  it('names the manager owning a changed field inside a named list, by element name', () => {
    const live = managed(
      [
        driftline,
        {
          manager: 'kubectl-edit',
          operation: 'Update',
          time: '2024-05-01T11:00:00Z',
          fieldsV1: {
            'f:spec': {
              'f:replicas': {},
              'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { 'f:image': {} } } } },
            },
          },
        },
      ],
      {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 's' },
              { name: 'app', image: 'app:9' },
              { name: 'init', image: 'i:1' },
            ],
          },
        },
      },
    );
    const { changes } = evaluateDrift(desired, live);
    expect(attributeDrift(desired, live, changes)).toEqual([
      {
        manager: 'kubectl-edit',
        operation: 'Update',
        time: '2024-05-01T11:00:00Z',
        paths: ['/spec/template/spec/containers/1/image'],
      },
    ]);
  });

  it('attributes an atomic field to the manager owning it wholesale', () => {
    const live = managed(
      [
        {
          manager: 'hpa',
          operation: 'Update',
          time: '2024-05-01T12:00:00Z',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        },
      ],
      { ...(desired.spec as object), replicas: 7 },
    );
    expect(attributeDrift(desired, live, evaluateDrift(desired, live).changes)).toMatchObject([
      { manager: 'hpa', paths: ['/spec/replicas'] },
    ]);
  });

  it('infers the most recent other manager for a removed field nobody owns', () => {
    const live = managed(
      [
        { ...driftline, time: '2024-05-01T13:00:00Z' },
        {
          manager: 'old-tool',
          operation: 'Update',
          time: '2024-04-01T00:00:00Z',
          fieldsV1: { 'f:metadata': {} },
        },
        {
          manager: 'kubectl-patch',
          operation: 'Update',
          time: '2024-05-01T12:00:00Z',
          fieldsV1: { 'f:metadata': {} },
        },
      ],
      { template: (desired.spec as { template: unknown }).template },
    );
    expect(attributeDrift(desired, live, evaluateDrift(desired, live).changes)).toEqual([
      {
        manager: 'kubectl-patch',
        operation: 'Update',
        time: '2024-05-01T12:00:00Z',
        paths: ['/spec/replicas'],
        inferred: true,
      },
    ]);
  });

  it('names nobody for a deleted object', () => {
    expect(attributeDrift(desired, undefined, [{ path: '', op: 'remove' }])).toEqual([]);
  });
});

describe('restoredBy', () => {
  const replicasOwner = (manager: string, operation = 'Update') => ({
    manager,
    operation,
    fieldsV1: { 'f:spec': { 'f:replicas': {} } },
  });
  const synced = (entries: unknown[]): KubeObject => managed(entries, desired.spec);
  const replicasDrift = [{ path: '/spec/replicas', op: 'replace' as const, old: 2, new: 5 }];
  const cases: [string, unknown[], boolean][] = [
    [
      'true when Driftline alone owns the field that had drifted',
      [replicasOwner('driftline', 'Apply')],
      true,
    ],
    ['false when the person who changed it changed it back', [replicasOwner('kubectl-edit')], false],
    [
      'false when Driftline shares the field with another manager',
      [replicasOwner('driftline', 'Apply'), replicasOwner('kubectl-scale')],
      false,
    ],
    ['false when nobody owns the field', [driftline], false],
  ];
  it.each(cases)('%s', (_name, entries, expected) => {
    expect(restoredBy(desired, synced(entries), replicasDrift)).toBe(expected);
  });

  it('looks at the declared fields of a deleted and recreated object', () => {
    const deleted = [{ path: '', op: 'remove' as const }];
    const spec = { manager: 'driftline', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:replicas': {} } } };
    expect(restoredBy(desired, synced([spec]), deleted)).toBe(true);
    expect(restoredBy(desired, synced([{ ...spec, manager: 'kubectl-create' }]), deleted)).toBe(false);
  });
});
