import { describe, expect, it } from 'vitest';
import {
  describeKey,
  formatApiVersion,
  groupResource,
  keyOf,
  keyString,
  parseApiVersion,
  parseGroupResource,
} from './resource-key.js';

describe('parseApiVersion', () => {
  it.each([
    ['v1', '', 'v1'],
    ['apps/v1', 'apps', 'v1'],
    ['cluster.x-k8s.io/v1beta2', 'cluster.x-k8s.io', 'v1beta2'],
  ])('splits %s into group %j and version %j', (apiVersion, group, version) => {
    expect(parseApiVersion(apiVersion)).toEqual({ group, version });
    expect(formatApiVersion(group, version)).toBe(apiVersion);
  });
});

describe('keys', () => {
  it('identifies a namespaced custom resource by group, kind, namespace and name', () => {
    const key = keyOf({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'Machine',
      metadata: { name: 'm1', namespace: 'default' },
    });
    expect(key).toEqual({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      kind: 'Machine',
      namespace: 'default',
      name: 'm1',
    });
    expect(keyString(key)).toBe('cluster.x-k8s.io/Machine/default/m1');
    expect(describeKey(key)).toBe('Machine default/m1');
  });

  it('gives cluster-scoped core objects an empty namespace', () => {
    const key = keyOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
    expect(keyString(key)).toBe('core/Namespace//kube-system');
    expect(describeKey(key)).toBe('Namespace kube-system');
  });
});

describe('groupResource', () => {
  it.each([
    ['the core group as the plural alone', '', 'secrets', 'secrets'],
    ['a named group as plural.group', 'cluster.x-k8s.io', 'clusters', 'clusters.cluster.x-k8s.io'],
    ['a one-word group with its dot', 'apps', 'deployments', 'deployments.apps'],
  ])('writes %s', (_name, group, resource, text) => {
    expect(groupResource({ group, resource })).toBe(text);
    expect(parseGroupResource(text)).toEqual({ group, resource });
  });
});
