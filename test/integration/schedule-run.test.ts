// `schedule create/list/describe/run` and garbage collection on a real API server, through the CLI.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLastBackup } from '../../src/backup/schedule-object.js';
import { ScheduleStore } from '../../src/backup/schedule-store.js';
import type { VeleroBackup } from '../../src/format/index.js';
import { type CliResult, driftline } from '../cli.js';
import { configMap, namespace } from '../env/builders/index.js';
import { TestEnv } from '../env/harness.js';

const NS = 'sched-app';
let env: TestEnv;
let kubeconfig: string;
const store = mkdtempSync(join(tmpdir(), 'driftline-sched-store-'));
const stateDir = mkdtempSync(join(tmpdir(), 'driftline-sched-state-'));

function cli(...args: string[]): Promise<CliResult> {
  return driftline(['--kubeconfig', kubeconfig, ...args], { HOME: stateDir });
}

async function backups(): Promise<VeleroBackup[]> {
  const result = await cli('backup', 'list', '-o', 'json', '--store', store);
  return (JSON.parse(result.stdout) as { backups: VeleroBackup[] }).backups;
}

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
  await env.create('mgmt', [namespace(NS).build(), configMap(NS, 'settings').data({ a: 'b' }).build()]);
});
afterAll(async () => {
  await env?.stop();
});

describe('schedule run', () => {
  it('takes named, labelled backups on each tick and deletes expired ones', async () => {
    const expiring = await cli(
      'backup',
      'create',
      'expiring',
      '--ttl',
      '1s',
      '--include-namespaces',
      NS,
      '--store',
      store,
    );
    expect(expiring.code).toBe(0);
    const create = await cli(
      'schedule',
      'create',
      'fast',
      '--schedule',
      '*/2 * * * * *',
      '--ttl',
      '1h',
      '--include-namespaces',
      NS,
      '--store',
      store,
      '--state-dir',
      stateDir,
    );
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    await new Promise((r) => setTimeout(r, 2100));

    const run = await cli('schedule', 'run', '--state-dir', stateDir, '--stop-after', '5s');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/gc: deleted backup expiring \(expired at \S+\)/);
    const taken = (await backups()).filter((b) => b.metadata.name.startsWith('fast-'));
    expect(taken.length).toBeGreaterThanOrEqual(2);
    for (const b of taken) {
      expect(b.metadata.name).toMatch(/^fast-\d{14}$/);
      expect(b.metadata.labels?.['velero.io/schedule-name']).toBe('fast');
      expect(b.spec.ttl).toBe('1h0m0s');
      expect(b.status.phase).toBe('Completed');
      expect(b.spec.includedNamespaces).toEqual([NS]);
    }
    expect((await backups()).map((b) => b.metadata.name)).not.toContain('expiring');
    const file = JSON.parse(readFileSync(join(stateDir, 'schedules', 'fast.json'), 'utf8'));
    const newest = taken
      .map((b) => b.metadata.name)
      .sort()
      .at(-1)!;
    expect(file.status.lastBackup.replace(/[-:TZ]/g, '')).toBe(newest.slice('fast-'.length));
  });

  it('takes one catch-up backup for runs missed while stopped, then exits with --once', async () => {
    const create = await cli(
      'schedule',
      'create',
      'nightly',
      '--schedule',
      '0 2 * * *',
      '--include-namespaces',
      NS,
      '--store',
      store,
      '--state-dir',
      stateDir,
    );
    expect(create.code).toBe(0);
    const schedules = new ScheduleStore(stateDir);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await schedules.save(withLastBackup(await schedules.get('nightly'), threeDaysAgo));
    const before = (await backups()).filter((b) => b.metadata.name.startsWith('nightly-'));

    const run = await cli('schedule', 'run', 'nightly', '--once', '--state-dir', stateDir);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nightly: catching up: 3 scheduled run\(s\) missed/);
    const after = (await backups()).filter((b) => b.metadata.name.startsWith('nightly-'));
    expect(before).toEqual([]);
    expect(after).toHaveLength(1);

    const again = await cli('schedule', 'run', 'nightly', '--once', '--state-dir', stateDir);
    expect(again.code).toBe(0);
    expect((await backups()).filter((b) => b.metadata.name.startsWith('nightly-'))).toHaveLength(1);
  });

  it('lists, describes, pauses and deletes schedules', async () => {
    const list = await cli('schedule', 'list', '--state-dir', stateDir);
    expect(list.stdout).toMatch(
      /^NAME\s+STATUS\s+CREATED\s+SCHEDULE\s+BACKUP TTL\s+LAST BACKUP\s+NEXT BACKUP/,
    );
    expect(list.stdout).toMatch(/\nfast\s+Enabled\s+\S+\s+\*\/2 \* \* \* \* \*\s+1h0m0s\s+\d+s ago/);
    expect(list.stdout).toMatch(/\nnightly\s+Enabled\s+\S+\s+0 2 \* \* \*\s+720h0m0s/);

    const describe = await cli('schedule', 'describe', 'nightly', '--state-dir', stateDir);
    expect(describe.stdout).toContain(`driftline.io/store=${store}`);
    expect(describe.stdout).toContain(`driftline.io/kubeconfig=${kubeconfig}`);
    expect(describe.stdout).toMatch(/Next Backup:\s+\d{4}-\d\d-\d\dT02:00:00Z/);

    expect((await cli('schedule', 'pause', 'fast', '--state-dir', stateDir)).code).toBe(0);
    const paused = await cli('schedule', 'run', 'fast', '--once', '--state-dir', stateDir);
    expect(paused.stdout).not.toContain('backup fast-');

    expect((await cli('schedule', 'delete', 'fast', '--state-dir', stateDir)).code).toBe(2);
    expect((await cli('schedule', 'delete', 'fast', '--confirm', '--state-dir', stateDir)).code).toBe(0);
    const gone = await cli('schedule', 'describe', 'fast', '--state-dir', stateDir);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('schedule fast not found');
  });

  it('collects garbage once with backup gc', async () => {
    expect(
      (await cli('backup', 'create', 'short', '--ttl', '1s', '--include-namespaces', NS, '--store', store))
        .code,
    ).toBe(0);
    await new Promise((r) => setTimeout(r, 2100));
    const dry = await cli('backup', 'gc', '--dry-run', '--store', store);
    expect(dry.stdout).toMatch(/would delete backup short \(expired at/);
    expect((await backups()).map((b) => b.metadata.name)).toContain('short');
    const gc = await cli('backup', 'gc', '--store', store);
    expect(gc.code).toBe(0);
    expect(gc.stdout).toMatch(/deleted backup short/);
    expect((await backups()).map((b) => b.metadata.name)).not.toContain('short');
  });
});
