// `schedule create/list/describe/run` and garbage collection on a real API server, through the CLI.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLastBackup } from '../../src/backup/schedule-object.js';
import { ScheduleStore } from '../../src/backup/schedule-store.js';
import type { VeleroBackup } from '../../src/format/index.js';
import { configMap, namespace } from '../../src/lab/builders/index.js';
import { type CliResult, driftline } from '../cli.js';
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
    expect(describe.stdout).toContain(`driftline.dev/store=${store}`);
    expect(describe.stdout).toContain(`driftline.dev/kubeconfig=${kubeconfig}`);
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

  it('writes new schedules under driftline.dev and still runs an old file with driftline.io annotations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftline-sched-legacy-'));
    expect(
      (await cli('schedule', 'create', 'fresh', '--schedule', '@daily', '--store', store, '--state-dir', dir))
        .code,
    ).toBe(0);
    const fresh = JSON.parse(readFileSync(join(dir, 'schedules', 'fresh.json'), 'utf8'));
    expect(Object.keys(fresh.metadata.annotations).sort()).toEqual([
      'driftline.dev/kubeconfig',
      'driftline.dev/store',
    ]);

    // A file as `schedule create` wrote it before the switch: store and cluster under driftline.io.
    const old = {
      ...fresh,
      metadata: {
        ...fresh.metadata,
        name: 'legacy',
        annotations: { 'driftline.io/store': store, 'driftline.io/kubeconfig': kubeconfig },
      },
      spec: { ...fresh.spec, template: { ...fresh.spec.template, includedNamespaces: [NS] } },
    };
    writeFileSync(join(dir, 'schedules', 'legacy.json'), JSON.stringify(old));

    // No --kubeconfig and a HOME whose default store is elsewhere: both must come from the file.
    const run = await driftline(['schedule', 'run', 'legacy', '--once', '--state-dir', dir], { HOME: dir });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const taken = (await backups()).filter((b) => b.metadata.name.startsWith('legacy-'));
    expect(taken).toHaveLength(1);
    expect(taken[0]?.spec.includedNamespaces).toEqual([NS]);
    expect(taken[0]?.status.phase).toBe('Completed');
  });

  it('refuses a schedule file with a bad field, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftline-sched-bad-'));
    expect((await cli('schedule', 'create', 'bad', '--schedule', '@daily', '--state-dir', dir)).code).toBe(0);
    const file = join(dir, 'schedules', 'bad.json');
    const s = JSON.parse(readFileSync(file, 'utf8'));
    s.spec.template.ttl = 'a week';
    writeFileSync(file, JSON.stringify(s));

    const run = await cli('schedule', 'run', 'bad', '--once', '--state-dir', dir);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${file}: spec\\.template\\.ttl: .* \\[schedule\\.invalid\\]`),
    );
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
