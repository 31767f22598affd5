import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { keepExcluded } from './keep-excluded.js';

const deployment = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', ...extra },
  spec,
});

const containers = (...c: Record<string, unknown>[]) => ({ template: { spec: { containers: c } } });

const cases: [string, KubeObject, KubeObject, string[], KubeObject, string[]][] = [
  [
    'carries the live value of an excluded field the profile sets',
    deployment({ replicas: 2, paused: false }),
    deployment({ replicas: 5, paused: true, progressDeadlineSeconds: 600 }),
    ['/spec/replicas'],
    deployment({ replicas: 5, paused: false }),
    ['/spec/replicas'],
  ],
  [
    'drops an excluded field that live no longer has',
    deployment({ replicas: 2 }, { annotations: { a: '1', b: '2' } }),
    deployment({ replicas: 2 }, { annotations: { b: '2' } }),
    ['/metadata/annotations/a'],
    deployment({ replicas: 2 }, { annotations: { b: '2' } }),
    ['/metadata/annotations/a'],
  ],
  [
    'never adds an excluded field the profile does not set',
    deployment({ paused: false }),
    deployment({ paused: false, replicas: 5 }),
    ['/spec/replicas'],
    deployment({ paused: false }),
    [],
  ],
  [
    'cuts an excluded subtree to the fields the profile sets',
    deployment({}, { annotations: { a: '1' } }),
    deployment({}, { annotations: { a: 'x', other: 'y' } }),
    ['/metadata/annotations'],
    deployment({}, { annotations: { a: 'x' } }),
    ['/metadata/annotations'],
  ],
  [
    'pairs named list elements by name, whatever their live order',
    deployment(containers({ name: 'app', image: 'app:1' }, { name: 'side', image: 'side:1' })),
    deployment(containers({ name: 'side', image: 'side:9' }, { name: 'app', image: 'app:9' })),
    ['/spec/template/spec/containers/*/image'],
    deployment(containers({ name: 'app', image: 'app:9' }, { name: 'side', image: 'side:9' })),
    ['/spec/template/spec/containers/0/image', '/spec/template/spec/containers/1/image'],
  ],
  [
    'keeps a canonicalised quantity equal to the declared one as declared',
    deployment(containers({ name: 'app', resources: { limits: { cpu: '0.5' } } })),
    deployment(containers({ name: 'app', resources: { limits: { cpu: '500m' } } })),
    ['/spec/template/spec/containers/0/resources'],
    deployment(containers({ name: 'app', resources: { limits: { cpu: '0.5' } } })),
    ['/spec/template/spec/containers/0/resources'],
  ],
];

describe('keepExcluded', () => {
  it.each(cases)('%s', (_name, desired, live, patterns, object, kept) => {
    expect(keepExcluded(desired, live, patterns)).toEqual({ object, kept });
  });

  it('returns the desired object itself when no excluded field is set', () => {
    const desired = deployment({ paused: false });
    expect(keepExcluded(desired, deployment({ replicas: 3 }), ['/spec/replicas']).object).toBe(desired);
    expect(keepExcluded(desired, deployment({ replicas: 3 }), []).object).toBe(desired);
  });
});
