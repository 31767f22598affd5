import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { desiredSet } from './desired.js';
import { emptyGuard } from './guard.js';
import { ownedBy, pruneCandidates } from './prune.js';
import type { ObjectRecord } from './state.js';
import { DEFAULT_GUARD, type Profile } from './types.js';

const cm = (name: string, namespace = 'team-a'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
});
const profile = (name: string, objects: KubeObject[], extra: Partial<Profile> = {}): Profile => ({
  name,
  file: `${name}.yaml`,
  resources: objects.map((object, i) => ({ object, origin: { file: 'f', document: 0, path: ['r', i] } })),
  syncMode: 'ContinuousWithDriftDetection',
  correction: 'Auto',
  exclusions: [],
  tier: 100,
  guard: DEFAULT_GUARD,
  prune: true,
  ...extra,
});
const record = (profileName: string, name: string, applied = true): ObjectRecord => ({
  cluster: 'wc1',
  profile: profileName,
  key: `core/ConfigMap/team-a/${name}`,
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'team-a',
  name,
  status: 'InSync',
  driftCount: 0,
  guard: emptyGuard(),
  ...(applied && { appliedHash: 'h' }),
  updatedAt: 't',
});

describe('what a pruning profile deletes', () => {
  const names = (profiles: Profile[], records: ObjectRecord[]) =>
    pruneCandidates(records, profiles, desiredSet(profiles)).map((r) => `${r.profile}/${r.name}`);

  it('takes the deployed objects its profile no longer declares', () => {
    const p = profile('p', [cm('a')]);
    expect(names([p], [record('p', 'a'), record('p', 'gone')])).toEqual(['p/gone']);
  });

  it.each<[string, Profile[], ObjectRecord[]]>([
    ['a profile without prune', [profile('p', [cm('a')], { prune: false })], [record('p', 'gone')]],
    ['a DryRun profile', [profile('p', [cm('a')], { syncMode: 'DryRun' })], [record('p', 'gone')]],
    ['a profile that no longer targets the cluster', [profile('q', [cm('a')])], [record('p', 'gone')]],
    ['an object never deployed', [profile('p', [cm('a')])], [record('p', 'gone', false)]],
    [
      'an object another profile now declares',
      [profile('p', [cm('a')]), profile('q', [cm('moved')])],
      [record('p', 'moved')],
    ],
    [
      'an object the profile still declares but skips here (outside its namespaces)',
      [profile('p', [cm('a'), cm('elsewhere', 'team-b')], { namespaces: ['team-a'] })],
      [record('p', 'elsewhere')],
    ],
  ])('leaves %s', (_name, profiles, records) => {
    const r = records.map((x) =>
      x.name === 'elsewhere' ? { ...x, namespace: 'team-b', key: 'core/ConfigMap/team-b/elsewhere' } : x,
    );
    expect(names(profiles, r)).toEqual([]);
  });

  it('deletes only objects still labelled as the profile’s', () => {
    const labels = { 'app.kubernetes.io/managed-by': 'driftline', 'driftline.dev/profile': 'p' };
    expect(ownedBy(labels, 'p')).toBe(true);
    expect(ownedBy({ ...labels, 'driftline.dev/profile': 'q' }, 'p')).toBe(false);
    expect(ownedBy({ 'driftline.dev/profile': 'p' }, 'p')).toBe(false);
    expect(ownedBy(undefined, 'p')).toBe(false);
  });
});
