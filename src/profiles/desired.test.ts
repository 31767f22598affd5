import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../model/label-selector.js';
import type { KubeObject } from '../model/resource-key.js';
import { desiredSet } from './desired.js';
import { targetDecision } from './targeting.js';
import { DEFAULT_GUARD, type Profile } from './types.js';

const cm = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
});

const profile = (name: string, objects: KubeObject[], extra: Partial<Profile> = {}): Profile => ({
  name,
  file: `${name}.yaml`,
  resources: objects.map((object, i) => ({
    object,
    origin: { file: `${name}.yaml`, document: 0, path: ['spec', 'resources', i] },
  })),
  syncMode: 'ContinuousWithDriftDetection',
  correction: 'Auto',
  exclusions: [],
  tier: 100,
  guard: DEFAULT_GUARD,
  ...extra,
});

describe('targetDecision', () => {
  const cases: [string, Partial<Profile>, boolean, RegExp][] = [
    [
      'matches a cluster by selector',
      { clusterSelector: parseLabelSelector('env=prod') },
      true,
      /labels of fleet\/wc1 match/,
    ],
    [
      'skips a cluster whose labels do not match',
      { clusterSelector: parseLabelSelector('env=dev') },
      false,
      /do not match/,
    ],
    ['matches a cluster listed by its short name', { clusters: ['wc1'] }, true, /listed in spec\.clusters/],
    ['matches every cluster with an empty selector', { clusterSelector: [] }, true, /match/],
    ['skips a cluster neither listed nor selected', { clusters: ['wc2'] }, false, /not listed/],
  ];
  it.each(cases)('%s', (_name, target, matched, reason) => {
    const decision = targetDecision(target, { id: 'fleet/wc1', labels: { env: 'prod' } });
    expect(decision.matched).toBe(matched);
    expect(decision.reason).toMatch(reason);
  });
});

describe('desiredSet', () => {
  it('labels every object with its owner and profile', () => {
    const set = desiredSet([profile('base', [cm('a', 'x')])]);
    expect(set.objects.get('core/ConfigMap/a/x')?.object.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'driftline',
      'driftline.dev/profile': 'base',
    });
  });

  it('gives an object declared twice to the lower tier and reports the conflict', () => {
    const set = desiredSet([
      profile('team', [cm('a', 'x')], { tier: 200 }),
      profile('platform', [cm('a', 'x')], { tier: 10 }),
    ]);
    expect(set.objects.get('core/ConfigMap/a/x')?.profile.name).toBe('platform');
    expect(set.conflicts).toEqual([
      expect.objectContaining({
        winner: 'platform',
        loser: 'team',
        reason: expect.stringMatching(/tier 10 beats tier 200/),
      }),
    ]);
  });

  it('skips objects outside spec.namespaces, with the reason', () => {
    const set = desiredSet([profile('base', [cm('a', 'x'), cm('b', 'y')], { namespaces: ['a'] })]);
    expect([...set.objects.keys()]).toEqual(['core/ConfigMap/a/x']);
    expect(set.skipped).toEqual([
      {
        key: 'core/ConfigMap/b/y',
        profile: 'base',
        reason: 'namespace b is outside spec.namespaces of profile base',
      },
    ]);
  });

  it('changes the hash when the profile changes the object', () => {
    const a = desiredSet([profile('base', [{ ...cm('a', 'x'), data: { k: '1' } }])]).objects.get(
      'core/ConfigMap/a/x',
    )!;
    const b = desiredSet([profile('base', [{ ...cm('a', 'x'), data: { k: '2' } }])]).objects.get(
      'core/ConfigMap/a/x',
    )!;
    expect(a.hash).not.toBe(b.hash);
  });
});
