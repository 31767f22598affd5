import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { attributeDrift } from './attribution.js';
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
