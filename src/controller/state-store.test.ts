import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../profiles/state.js';
import { StateConflictError } from './ports.js';
import { DirStateStore, STALE_LOCK_MS, shardName } from './state-store.js';

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

  it('refuses a save over a change made since the load, and saves once reloaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const run = new DirStateStore(dir);
    const correct = new DirStateStore(dir);
    await run.save(shard('fleet/wc1'));
    await run.load('fleet/wc1');
    await correct.load('fleet/wc1');
    await correct.save({
      ...shard('fleet/wc1'),
      cluster: { ...shard('fleet/wc1').cluster, since: 'corrected' },
    });
    await expect(run.save(shard('fleet/wc1'))).rejects.toBeInstanceOf(StateConflictError);
    expect((await run.load('fleet/wc1'))?.cluster.since).toBe('corrected');
    await run.save(shard('fleet/wc1'));
    expect((await correct.load('fleet/wc1'))?.cluster.since).toBe('t');
  });

  it('waits for a lock held by another writer, and takes over one left by a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    mkdirSync(dir, { recursive: true });
    const store = new DirStateStore(dir);
    const lock = join(dir, `${shardName('fleet/wc1')}.json.lock`);
    writeFileSync(lock, '');
    let saved = false;
    const saving = store.save(shard('fleet/wc1')).then(() => {
      saved = true;
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(saved).toBe(false);
    rmSync(lock);
    await saving;
    expect(await store.load('fleet/wc1')).toEqual(shard('fleet/wc1'));

    writeFileSync(lock, '');
    const old = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
    utimesSync(lock, old, old);
    await store.save(shard('fleet/wc1'));
    expect(existsSync(lock)).toBe(false);
  });
});
