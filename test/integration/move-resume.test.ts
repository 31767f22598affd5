// Interrupted moves between two real API servers: rolled back before deletion, resumed after crashes while creating and deleting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import {
  collectGarbage,
  LABELLED,
  type MoveEnv,
  move,
  ownersRebuilt,
  type Seeded,
  seedSource,
  snapshot,
  startMoveEnv,
  UNRELATED,
} from '../support/move-fixture.js';

const NAMESPACES = ['tkg-prod', 'capi-v2'];
let m: MoveEnv;
let seeded: Seeded;
let clusters: ResourceRef;
let original: Map<string, KubeObject>;

beforeAll(async () => {
  m = await startMoveEnv();
  seeded = await seedSource(m);
  clusters = await m.source.resolve({ group: 'cluster.x-k8s.io', kind: 'Cluster' });
  original = await snapshot(m.source, NAMESPACES);
});
afterAll(async () => {
  await m?.env.stop();
});

const paused = async (client: MoveEnv['source'], ns: string, name: string): Promise<boolean | undefined> =>
  ((await client.get(clusters, ns, name))?.spec as { paused?: boolean } | undefined)?.paused;

async function status(name: string): Promise<Record<string, unknown>> {
  const result = await move(m.kube, '--status', '--name', name, '-o', 'json');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** The target holds exactly `keys`, owners rebuilt; the source holds none of them once the garbage collector ran. */
async function expectMoved(keys: string[]): Promise<void> {
  const target = await snapshot(m.target, NAMESPACES);
  expect([...target.keys()].filter((k) => keys.includes(k)).sort()).toEqual([...keys].sort());
  expect(ownersRebuilt(target, original, keys)).toEqual([]);
  await collectGarbage(m.source, NAMESPACES);
  const source = await snapshot(m.source, NAMESPACES);
  expect(keys.filter((k) => source.has(k))).toEqual([]);
}

const prod = (): string[] => [...seeded['prod-1'], ...LABELLED];

describe('a move rolled back before deletion', () => {
  it.each([1, 9, 29])(
    'leaves the source as it was and the target clean after a crash after %i creates',
    async (n) => {
      const crashed = await move(
        m.kube,
        '-n',
        'tkg-prod',
        '--cluster',
        'prod-1',
        '--name',
        `rb-${n}`,
        '--fail-after',
        String(n),
      );
      expect(crashed.code).toBe(2);
      expect(crashed.stderr).toContain(`injected failure after ${n} objects were created`);
      expect(await status(`rb-${n}`)).toMatchObject({
        phase: 'InProgress',
        step: 'creating',
        pausedInSource: ['tkg-prod/prod-1'],
        pausedInTarget: ['tkg-prod/prod-1'],
      });
      expect(await paused(m.source, 'tkg-prod', 'prod-1')).toBe(true);
      const again = await move(m.kube, '-n', 'tkg-prod', '--cluster', 'prod-1');
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(
        `Cluster tkg-prod/prod-1 is part of unfinished move rb-${n} (step creating)`,
      );

      const rolledBack = await move(m.kube, '--rollback');
      expect(rolledBack.stderr).toBe('');
      expect(rolledBack.code).toBe(0);
      expect(rolledBack.stdout).toContain(`Move rb-${n} RolledBack (step rolled-back, run 2)`);
      expect(await paused(m.source, 'tkg-prod', 'prod-1')).toBe(false);
      const target = await snapshot(m.target, NAMESPACES);
      expect([...target.keys()].filter((k) => prod().includes(k))).toEqual([]);
      const source = await snapshot(m.source, NAMESPACES);
      for (const [key, before] of original) {
        const now = source.get(key);
        expect([key, now?.metadata.uid, Boolean(now?.metadata.deletionTimestamp)]).toEqual([
          key,
          before.metadata.uid,
          false,
        ]);
      }
      expect(await status(`rb-${n}`)).toMatchObject({
        phase: 'RolledBack',
        pausedInSource: [],
        pausedInTarget: [],
      });
    },
  );

  it('has nothing left to resume', async () => {
    const result = await move(m.kube, '--resume');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no unfinished move in');
  });
});

describe('a move that crashed while creating', () => {
  it('resumes after two crashes with nothing lost or duplicated', async () => {
    const first = await move(
      m.kube,
      '-n',
      'tkg-prod',
      '--cluster',
      'prod-1',
      '--name',
      'c1',
      '--fail-after',
      '3',
      '--concurrency',
      '4',
    );
    expect(first.code).toBe(2);
    const second = await move(m.kube, '--resume', '--fail-after', '10');
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('injected failure after 10 objects were created');
    const last = await move(m.kube, '--resume', '--name', 'c1');
    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    expect(last.stdout).toContain('Move c1 Completed (step done, run 3)');
    expect(last.stdout).toContain(
      `objects: ${prod().length}; in the target ${prod().length} created, 0 adopted; in the source ${prod().length} deleted`,
    );
    await expectMoved(prod());
    expect(await paused(m.target, 'tkg-prod', 'prod-1')).toBe(false);
    const source = await snapshot(m.source, NAMESPACES);
    for (const key of [...seeded['stay-1'], ...UNRELATED])
      expect(source.get(key)?.metadata.resourceVersion, key).toBe(
        original.get(key)?.metadata.resourceVersion,
      );
  });
});

describe('a move that crashed while deleting from the source', () => {
  it('cannot be rolled back, says where it stands, and resumes to the end', async () => {
    const crashed = await move(
      m.kube,
      '-n',
      'capi-v2',
      '--name',
      'd1',
      '--fail-after-deletes',
      '5',
      '--concurrency',
      '2',
    );
    expect(crashed.code).toBe(2);
    expect(crashed.stderr).toContain('injected failure after 5 objects were deleted from the source');
    const rollback = await move(m.kube, '--rollback', '--name', 'd1');
    expect(rollback.code).toBe(2);
    expect(rollback.stderr).toContain(
      'move d1 has started deleting objects from the source (step deleting); rolling back would lose them: run driftline move --resume to finish the move',
    );
    expect(await status('d1')).toMatchObject({
      phase: 'InProgress',
      step: 'deleting',
      pausedInSource: ['capi-v2/edge-1'],
      pausedInTarget: ['capi-v2/edge-1'],
    });
    const again = await move(m.kube, '--resume', '--fail-after-deletes', '4', '--concurrency', '2');
    expect(again.stderr).toContain('injected failure after 4 objects were deleted from the source');
    const done = await move(m.kube, '--resume');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    await expectMoved(seeded['edge-1']);
    expect(await paused(m.target, 'capi-v2', 'edge-1')).toBe(false);
    expect(await status('d1')).toMatchObject({
      phase: 'Completed',
      runs: 3,
      counts: { objects: seeded['edge-1'].length, deleted: seeded['edge-1'].length },
    });
  });

  it('lists every move in the target', async () => {
    const result = await move(m.kube, '--status');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/d1\s+Completed\s+done/);
    expect(result.stdout).toMatch(/c1\s+Completed\s+done/);
    expect(result.stdout).toMatch(/rb-9\s+RolledBack\s+rolled-back/);
  });
});
