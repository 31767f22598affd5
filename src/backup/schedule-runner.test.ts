import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResource } from '../adapters/kube/discovery.js';
import { FsObjectStore } from '../adapters/store/index.js';
import type { CaptureSource } from './capture.js';
import { createBackup } from './create.js';
import { BackupRepository } from './repository.js';
import { type Clock, SCHEDULE_NAME_LABEL } from './schedule.js';
import { buildSchedule, type VeleroSchedule, withLastBackup } from './schedule-object.js';
import { runSchedules, type SchedulerDeps } from './schedule-runner.js';
import { ScheduleStore } from './schedule-store.js';

const configMaps: ApiResource = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['list'],
  preferred: true,
  shortNames: ['cm'],
};

const cluster: CaptureSource = {
  discover: async () => ({ resources: [configMaps], failures: [] }),
  async *listPages() {
    yield {
      resourceVersion: '1',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' }, data: { a: 'b' } },
      ],
    };
  },
};

/** A clock whose sleeps move time forward instantly; aborts the run once `until` is reached. */
function fakeClock(start: string, until: string, controller: AbortController): Clock & { sleeps: number[] } {
  let now = new Date(start).getTime();
  const end = new Date(until).getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += Math.max(ms, 1);
      if (now >= end) controller.abort();
    },
  };
}

function setup(clock: Clock): {
  deps: SchedulerDeps;
  repo: BackupRepository;
  store: ScheduleStore;
  log: string[];
} {
  const repo = new BackupRepository(new FsObjectStore(mkdtempSync(join(tmpdir(), 'sched-store-'))));
  const store = new ScheduleStore(mkdtempSync(join(tmpdir(), 'sched-state-')));
  const log: string[] = [];
  const deps: SchedulerDeps = {
    clock,
    schedules: store,
    repositoryFor: () => repo,
    sourceFor: () => cluster,
    log: (line) => log.push(line),
  };
  return { deps, repo, store, log };
}

async function names(repo: BackupRepository): Promise<string[]> {
  return (await repo.list()).backups.map((b) => b.metadata.name).sort();
}

function schedule(
  name: string,
  cron: string,
  created: string,
  extra: Partial<Parameters<typeof buildSchedule>[0]> = {},
): VeleroSchedule {
  return buildSchedule({ name, schedule: cron, now: new Date(created), ttl: '720h', ...extra });
}

describe('runSchedules', () => {
  it('takes one catch-up backup for many missed ticks, records it, and collects expired backups', async () => {
    const controller = new AbortController();
    const clock = fakeClock('2025-01-05T09:00:00Z', '2025-01-06T00:00:00Z', controller);
    const { deps, repo, store, log } = setup(clock);
    await store.create(
      withLastBackup(
        schedule('nightly', '0 2 * * *', '2024-12-01T00:00:00Z'),
        new Date('2025-01-01T02:00:00Z'),
      ),
    );
    await createBackup(cluster, repo, {
      name: 'old',
      ttl: '1h',
      now: () => new Date('2025-01-01T00:00:00Z'),
    });

    const summary = await runSchedules(deps, { once: true, signal: controller.signal });

    expect(summary.backups).toEqual([
      { schedule: 'nightly', name: 'nightly-20250105090000', phase: 'Completed' },
    ]);
    expect(summary.deleted).toEqual(['old']);
    expect(await names(repo)).toEqual(['nightly-20250105090000']);
    const backup = await repo.get('nightly-20250105090000');
    expect(backup.metadata.labels?.[SCHEDULE_NAME_LABEL]).toBe('nightly');
    expect(backup.spec.ttl).toBe('720h0m0s');
    expect((await store.get('nightly')).status.lastBackup).toBe('2025-01-05T09:00:00Z');
    expect(log.some((l) => l.includes('catching up: 4 scheduled run(s) missed'))).toBe(true);
  });

  it('backs up at once, then on every tick, sleeping until the next one', async () => {
    const controller = new AbortController();
    const clock = fakeClock('2025-01-01T00:00:03Z', '2025-01-01T00:00:35Z', controller);
    const { deps, repo, store } = setup(clock);
    await store.create(schedule('fast', '*/10 * * * * *', '2025-01-01T00:00:00Z'));

    const summary = await runSchedules(deps, { signal: controller.signal });

    expect(summary.backups.map((b) => b.name)).toEqual([
      'fast-20250101000003',
      'fast-20250101000010',
      'fast-20250101000020',
      'fast-20250101000030',
    ]);
    expect(await names(repo)).toHaveLength(4);
    expect(clock.sleeps).toEqual([7000, 10_000, 10_000, 10_000]);
  });

  it('skips paused schedules and waits for the first tick with skipImmediately', async () => {
    const controller = new AbortController();
    const clock = fakeClock('2025-01-01T00:00:30Z', '2025-01-01T00:01:30Z', controller);
    const { deps, store } = setup(clock);
    await store.create(schedule('paused', '* * * * *', '2025-01-01T00:00:00Z', { paused: true }));
    await store.create(schedule('later', '* * * * *', '2025-01-01T00:00:00Z', { skipImmediately: true }));

    const summary = await runSchedules(deps, { signal: controller.signal });

    expect(summary.backups.map((b) => b.name)).toEqual(['later-20250101000100']);
  });

  it('records a failed backup so the next attempt waits for the next tick', async () => {
    const controller = new AbortController();
    const clock = fakeClock('2025-01-01T00:00:00Z', '2025-01-01T00:02:30Z', controller);
    const { deps, store } = setup(clock);
    deps.sourceFor = () => ({
      ...cluster,
      discover: async () => Promise.reject(new Error('connection refused')),
    });
    await store.create(schedule('broken', '* * * * *', '2025-01-01T00:00:00Z'));

    const summary = await runSchedules(deps, { signal: controller.signal });

    expect(summary.failures).toEqual([
      { schedule: 'broken', error: 'connection refused' },
      { schedule: 'broken', error: 'connection refused' },
      { schedule: 'broken', error: 'connection refused' },
    ]);
    expect((await store.get('broken')).status.lastBackup).toBe('2025-01-01T00:02:00Z');
  });

  it('fails when a named schedule does not exist', async () => {
    const controller = new AbortController();
    const { deps } = setup(fakeClock('2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z', controller));
    await expect(runSchedules(deps, { names: ['nope'], signal: controller.signal })).rejects.toMatchObject({
      code: 'schedule.not-found',
    });
  });
});
