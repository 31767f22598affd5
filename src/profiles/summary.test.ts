import { describe, expect, it } from 'vitest';
import { type ClusterState, newRecord, type ObjectRecord } from './state.js';
import { formatAge, summarize } from './summary.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const rec = (
  profile: string,
  name: string,
  status: ObjectRecord['status'],
  since?: string,
): ObjectRecord => ({
  ...newRecord(
    {
      cluster: 'fleet/wc1',
      profile,
      key: `core/ConfigMap/a/${name}`,
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'a',
      name,
    },
    't',
  ),
  status,
  since,
});
const shard = (id: string, reachable: boolean, objects: ObjectRecord[]): ClusterState => ({
  version: 1,
  cluster: {
    id,
    reachable,
    since: 't',
    profiles: ['base', 'extra'],
    ...(!reachable && { lastError: 'connection refused' }),
  },
  objects: Object.fromEntries(objects.map((o) => [`${o.profile}|${o.key}`, o])),
});

describe('summarize', () => {
  const states = [
    shard('fleet/wc1', true, [
      rec('base', 'a', 'InSync'),
      rec('base', 'b', 'Drifted', '2024-05-01T11:58:30Z'),
      rec('base', 'c', 'Contested', '2024-05-01T11:59:00Z'),
    ]),
    shard('fleet/wc2', false, [rec('base', 'a', 'InSync')]),
  ];

  it('rolls each cluster × profile up to its worst status with counts and the oldest drift age', () => {
    expect(summarize(states, NOW).rows).toEqual([
      {
        cluster: 'fleet/wc1',
        profile: 'base',
        status: 'Contested',
        objects: 3,
        drifted: 2,
        contested: 1,
        oldestDriftSeconds: 90,
      },
      { cluster: 'fleet/wc1', profile: 'extra', status: 'InSync', objects: 0, drifted: 0, contested: 0 },
      {
        cluster: 'fleet/wc2',
        profile: 'base',
        status: 'Unreachable',
        objects: 1,
        drifted: 0,
        contested: 0,
        lastError: 'connection refused',
      },
      {
        cluster: 'fleet/wc2',
        profile: 'extra',
        status: 'Unreachable',
        objects: 0,
        drifted: 0,
        contested: 0,
        lastError: 'connection refused',
      },
    ]);
  });

  it('lists the objects that are not in sync', () => {
    expect(summarize(states, NOW).objects.map((o) => [o.name, o.status])).toEqual([
      ['b', 'Drifted'],
      ['c', 'Contested'],
    ]);
  });

  it('filters by short cluster name and profile', () => {
    expect(
      summarize(states, NOW, { cluster: 'wc2', profile: 'base' }).rows.map((r) => [r.cluster, r.profile]),
    ).toEqual([['fleet/wc2', 'base']]);
  });
});

describe('formatAge', () => {
  it.each([
    [undefined, '-'],
    [42, '42s'],
    [90, '1m30s'],
    [7260, '2h1m'],
    [90_000, '1d1h'],
  ])('renders %s seconds as %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});
