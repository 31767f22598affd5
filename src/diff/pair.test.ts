import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { pairObjects } from './pair.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, tag = ''): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace && { namespace }) },
  tag,
});

describe('pairObjects', () => {
  it('pairs by group, kind, namespace and name, and sorts by key', () => {
    const pairs = pairObjects(
      [obj('v1', 'ConfigMap', 'a', 'ns'), obj('v1', 'ConfigMap', 'gone', 'ns')],
      [obj('v1', 'ConfigMap', 'new', 'ns'), obj('v1', 'ConfigMap', 'a', 'ns')],
    );
    expect(pairs.map((p) => [p.key, Boolean(p.desired), Boolean(p.live)])).toEqual([
      ['core/ConfigMap/ns/a', true, true],
      ['core/ConfigMap/ns/gone', true, false],
      ['core/ConfigMap/ns/new', false, true],
    ]);
  });

  it('pairs the same object across API versions', () => {
    const [pair, ...rest] = pairObjects(
      [obj('cluster.x-k8s.io/v1beta1', 'Machine', 'm', 'p')],
      [obj('cluster.x-k8s.io/v1beta2', 'Machine', 'm', 'p')],
    );
    expect(rest).toEqual([]);
    expect(pair?.key).toBe('cluster.x-k8s.io/Machine/p/m');
    expect(pair?.desired?.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    expect(pair?.live?.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
  });

  it('keeps apart objects that differ only in namespace or group', () => {
    const pairs = pairObjects(
      [obj('v1', 'Secret', 's', 'a'), obj('v1', 'Secret', 's', 'b'), obj('x.io/v1', 'Secret', 's', 'a')],
      [],
    );
    expect(pairs).toHaveLength(3);
  });

  it('keeps the first object when one side repeats an identity', () => {
    const [pair] = pairObjects(
      [obj('v1', 'ConfigMap', 'a', 'ns', 'first'), obj('v1', 'ConfigMap', 'a', 'ns', 'second')],
      [],
    );
    expect(pair?.desired?.tag).toBe('first');
  });
});
