import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../profiles/state.js';
import { DirStateStore, shardName } from './state-store.js';

const shard = (id: string): ClusterState => ({
  version: 1,
  cluster: { id, reachable: true, since: 't', profiles: ['p'] },
  objects: {},
});

describe('shardName', () => {
  it.each([
    ['fleet/wc1', /^fleet\.wc1-[0-9a-f]{8}$/],
    ['Admin@Prod Cluster', /^admin.prod.cluster-[0-9a-f]{8}$/],
    ['////', /^cluster-[0-9a-f]{8}$/],
  ])('makes %s safe for file and object names', (id, pattern) => {
    expect(shardName(id)).toMatch(pattern);
  });

  it('keeps ids that differ only in unsafe characters apart', () => {
    expect(shardName('a/b')).not.toBe(shardName('a.b'));
  });
});

describe('DirStateStore', () => {
  it('saves, loads, lists and removes shards', async () => {
    const store = new DirStateStore(join(mkdtempSync(join(tmpdir(), 'state-')), 'nested'));
    expect(await store.list()).toEqual([]);
    expect(await store.load('fleet/wc1')).toBeUndefined();
    await store.save(shard('fleet/wc2'));
    await store.save(shard('fleet/wc1'));
    expect(await store.load('fleet/wc1')).toEqual(shard('fleet/wc1'));
    expect((await store.list()).map((s) => s.cluster.id).sort()).toEqual(['fleet/wc1', 'fleet/wc2']);
    await store.remove('fleet/wc1');
    expect((await store.list()).map((s) => s.cluster.id)).toEqual(['fleet/wc2']);
  });
});
