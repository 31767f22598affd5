import { describe, expect, it } from 'vitest';
import { clusterShard, objectRecord } from '../../test/support/drift-records.js';
import type { ClusterState, ObjectRecord } from './state.js';
import { formatAge, isWatched, summarize } from './summary.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const rec = (profile: string, name: string, status: ObjectRecord['status'], since?: string): ObjectRecord =>
  objectRecord(profile, name, { status, since });
const shard = (id: string, reachable: boolean, objects: ObjectRecord[]): ClusterState =>
  clusterShard(id, objects, {
    reachable,
    profiles: ['base', 'extra'],
    ...(!reachable && { lastError: 'connection refused' }),
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
        watched: false,
      },
      {
        cluster: 'fleet/wc1',
        profile: 'extra',
        status: 'InSync',
        objects: 0,
        drifted: 0,
        contested: 0,
        watched: false,
      },
      {
        cluster: 'fleet/wc2',
        profile: 'base',
        status: 'Unreachable',
        objects: 1,
        drifted: 0,
        contested: 0,
        lastError: 'connection refused',
        watched: false,
      },
      {
        cluster: 'fleet/wc2',
        profile: 'extra',
        status: 'Unreachable',
        objects: 0,
        drifted: 0,
        contested: 0,
        lastError: 'connection refused',
        watched: false,
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

describe('summarize: how current the state is', () => {
  const observed = (cluster: Partial<ClusterState['cluster']>): ClusterState =>
    clusterShard('fleet/wc1', [rec('base', 'a', 'InSync')], { profiles: ['base'], ...cluster });

  it('gives each row the time the cluster was last observed', () => {
    const [row] = summarize([observed({ observedAt: '2024-05-01T11:59:00Z' })], NOW).rows;
    expect(row).toMatchObject({ observedAt: '2024-05-01T11:59:00Z', watched: false });
  });

  it.each([
    ['no heartbeat at all', undefined, false],
    ['a heartbeat one interval old', { at: '2024-05-01T11:59:00Z', intervalSeconds: 60 }, true],
    ['a heartbeat three intervals old', { at: '2024-05-01T11:57:00Z', intervalSeconds: 60 }, true],
    ['a heartbeat more than three intervals old', { at: '2024-05-01T11:56:59Z', intervalSeconds: 60 }, false],
    [
      'an old heartbeat of a slow-beating big fleet',
      { at: '2024-05-01T11:30:00Z', intervalSeconds: 600 },
      true,
    ],
  ])('counts a cluster with %s as watched: %s', (_, watch, expected) => {
    expect(isWatched(observed({ watch }).cluster, NOW)).toBe(expected);
    expect(summarize([observed({ watch })], NOW).rows[0]?.watched).toBe(expected);
  });

  it('shows a cluster unreachable before its profiles were recorded, under any --profile filter', () => {
    const never = clusterShard('fleet/wc3', [], { reachable: false, lastError: 'refused' });
    for (const filter of [{}, { profile: 'base' }])
      expect(summarize([never], NOW, filter).rows).toEqual([
        {
          cluster: 'fleet/wc3',
          profile: '-',
          status: 'Unreachable',
          objects: 0,
          drifted: 0,
          contested: 0,
          lastError: 'refused',
          watched: false,
        },
      ]);
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
