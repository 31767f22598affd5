import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { compileSelection, type SelectableResource, type SelectionOptions } from './selection.js';

const res = (
  resource: string,
  kind: string,
  group = '',
  namespaced = true,
  shortNames: string[] = [],
): SelectableResource => ({
  group,
  resource,
  kind,
  namespaced,
  shortNames,
  verbs: ['list', 'get'],
});
const secrets = res('secrets', 'Secret');
const machines = res('machines', 'Machine', 'cluster.x-k8s.io', true, ['ma']);
const crds = res('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io', false, [
  'crd',
]);
const namespaces = res('namespaces', 'Namespace', '', false, ['ns']);

describe('resource selection', () => {
  it.each<[string, SelectionOptions, SelectableResource, boolean]>([
    ['everything by default', {}, secrets, true],
    ['cluster-scoped resources when backing up all namespaces', {}, crds, true],
    [
      'no cluster-scoped resources when namespaces are limited (Velero default)',
      { includeNamespaces: ['a'] },
      crds,
      false,
    ],
    [
      'cluster-scoped resources when asked explicitly',
      { includeNamespaces: ['a'], includeClusterResources: true },
      crds,
      true,
    ],
    ['no cluster-scoped resources when refused', { includeClusterResources: false }, crds, false],
    [
      'namespaces themselves even when cluster resources are off',
      { includeClusterResources: false },
      namespaces,
      true,
    ],
    ['a resource named by plural.group', { includeResources: ['machines.cluster.x-k8s.io'] }, machines, true],
    ['a resource named by kind', { includeResources: ['Machine'] }, machines, true],
    ['a resource named by short name', { includeResources: ['ma'] }, machines, true],
    ['not a resource missing from --include-resources', { includeResources: ['secrets'] }, machines, false],
    ['not an excluded resource', { excludeResources: ['secrets'] }, secrets, false],
  ])('includes %s', (_name, options, resource, expected) => {
    expect(compileSelection(options).resource(resource).include).toBe(expected);
  });

  it('never lists a resource without the list verb, and says why', () => {
    const d = compileSelection({}).resource({ ...secrets, verbs: ['create'] });
    expect(d).toEqual({ include: false, reason: 'secrets cannot be listed' });
  });
});

describe('object selection', () => {
  const obj = (ns: string, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: ns, labels },
  });
  it.each<[string, SelectionOptions, KubeObject, boolean]>([
    ['an object in an included glob namespace', { includeNamespaces: ['team-*'] }, obj('team-a'), true],
    ['not an object outside the included namespaces', { includeNamespaces: ['team-*'] }, obj('other'), false],
    [
      'not an object in an excluded namespace',
      { excludeNamespaces: ['tkg-system'] },
      obj('tkg-system'),
      false,
    ],
    [
      'not an object labelled velero.io/exclude-from-backup=true',
      {},
      obj('a', { 'velero.io/exclude-from-backup': 'true' }),
      false,
    ],
    ['an object matching the label selector', { labelSelector: 'app=x' }, obj('a', { app: 'x' }), true],
    ['not an object failing the label selector', { labelSelector: 'app=x' }, obj('a', { app: 'y' }), false],
  ])('includes %s', (_name, options, o, expected) => {
    expect(compileSelection(options).object(o, secrets).include).toBe(expected);
  });

  it('applies namespace filters to Namespace objects by their name', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tkg-system' } };
    expect(compileSelection({ excludeNamespaces: ['tkg-system'] }).object(ns, namespaces).include).toBe(
      false,
    );
  });
});
