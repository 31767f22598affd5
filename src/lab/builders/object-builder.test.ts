/** The shared builder base: JSON merging, overrides and independent builds. */
import { describe, expect, it } from 'vitest';
import { cluster } from './cluster.js';
import { mergeJson } from './object-builder.js';

describe('object builder', () => {
  it.each([
    {
      name: 'merges nested objects',
      base: { a: { b: 1 } },
      patch: { a: { c: 2 } },
      out: { a: { b: 1, c: 2 } },
    },
    { name: 'replaces arrays', base: { a: [1, 2] }, patch: { a: [3] }, out: { a: [3] } },
    { name: 'replaces scalars with objects', base: { a: 1 }, patch: { a: { b: 1 } }, out: { a: { b: 1 } } },
  ])('mergeJson $name', ({ base, patch, out }) => {
    expect(mergeJson(base, patch)).toEqual(out);
  });

  it('applies withSpec and withStatus over the computed body', () => {
    const obj = cluster('prod', 'wc1').withSpec({ paused: true }).withStatus({ phase: 'Failed' }).build();
    expect(obj.spec).toMatchObject({ paused: true, controlPlaneRef: { name: 'wc1-control-plane' } });
    expect(obj.status).toMatchObject({ phase: 'Failed', infrastructureReady: true });
  });

  it('lets withLabels override a default label', () => {
    const obj = cluster('prod', 'wc1').withLabels({ 'cluster.x-k8s.io/cluster-name': 'other' }).build();
    expect(obj.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'other' });
  });

  it('returns a new object from every build', () => {
    const builder = cluster('prod', 'wc1');
    const first = builder.build();
    (first.spec as { paused?: boolean }).paused = true;
    expect(builder.build().spec).not.toHaveProperty('paused');
  });
});
