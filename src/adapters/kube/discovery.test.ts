import { describe, expect, it } from 'vitest';
import { findResource, mapDiscovery } from './discovery.js';

const core = {
  groupVersion: 'v1',
  resources: [
    { name: 'secrets', kind: 'Secret', namespaced: true, verbs: ['list', 'get'] },
    { name: 'namespaces', kind: 'Namespace', namespaced: false, verbs: ['list'], shortNames: ['ns'] },
    { name: 'pods/status', kind: 'Pod', namespaced: true, verbs: ['get'] },
  ],
};
const groups = {
  groups: [
    {
      name: 'cluster.x-k8s.io',
      versions: [
        { groupVersion: 'cluster.x-k8s.io/v1beta2', version: 'v1beta2' },
        { groupVersion: 'cluster.x-k8s.io/v1beta1', version: 'v1beta1' },
      ],
      preferredVersion: { version: 'v1beta2' },
    },
  ],
};
const lists = ['v1beta1', 'v1beta2'].map((v) => ({
  groupVersion: `cluster.x-k8s.io/${v}`,
  resources: [
    { name: 'machines', kind: 'Machine', namespaced: true, verbs: ['list', 'watch'], shortNames: ['ma'] },
    { name: 'machines/status', kind: 'Machine', namespaced: true },
  ],
}));

describe('mapDiscovery', () => {
  const resources = mapDiscovery(core, groups, lists);

  it('drops subresources and keeps scope and verbs', () => {
    expect(resources.map((r) => `${r.group}/${r.version}/${r.resource}`)).toEqual([
      '/v1/secrets',
      '/v1/namespaces',
      'cluster.x-k8s.io/v1beta1/machines',
      'cluster.x-k8s.io/v1beta2/machines',
    ]);
    expect(resources[1]).toMatchObject({ namespaced: false, verbs: ['list'], shortNames: ['ns'] });
  });

  it('marks the group preferred version, and the core group as preferred', () => {
    expect(resources.filter((r) => r.preferred).map((r) => `${r.group}/${r.version}/${r.resource}`)).toEqual([
      '/v1/secrets',
      '/v1/namespaces',
      'cluster.x-k8s.io/v1beta2/machines',
    ]);
  });

  it.each([
    ['a kind resolves to its preferred version', { kind: 'Machine' }, 'v1beta2'],
    ['an explicit version wins', { kind: 'Machine', version: 'v1beta1' }, 'v1beta1'],
    ['a short name resolves like kubectl', { resource: 'ma' }, 'v1beta2'],
    ['a plural resolves', { resource: 'namespaces' }, 'v1'],
  ])('%s', (_name, query, version) => {
    expect(findResource(resources, query)?.version).toBe(version);
  });

  it('returns undefined for something the server does not serve', () => {
    expect(findResource(resources, { kind: 'Cluster' })).toBeUndefined();
  });
});
