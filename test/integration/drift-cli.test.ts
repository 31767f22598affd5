// The drift commands end to end against real API servers: `drift run` as a real process (Ctrl-C,
// kill -9 and restart), `run --once`, `status`, `correct` and `accept`, with Cluster API fleet discovery.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_NAMESPACE, shardName } from '../../src/controller/state-store.js';
import { cluster, kubeconfigSecret } from '../../src/lab/builders/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { PassDrift } from '../../src/profiles/pass-report.js';
import type { FleetRow, FleetSummary } from '../../src/profiles/summary.js';
import { driftline } from '../cli.js';
import type { TestEnv } from '../env/harness.js';
import { CONFIGMAPS, FLEET_NS, startFleet, until, writeTree } from '../support/drift-fixture.js';

const ROOT = join(import.meta.dirname, '../..');

const manual = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: manual}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  correction: Manual
  resources:
    # owned by the platform team
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits, namespace: team-a}
      data:
        maxPods: "30" # agreed in review
        region: eu
`;
const auto = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: auto}
spec:
  clusters: [wc1, wc2]
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: strict}
`;

let env: TestEnv;
let dir: string;
let kubeconfig: string;
// Every `drift run` started, so a failed test leaves none running behind.
const runs: ChildProcess[] = [];
const args = (...rest: string[]): string[] => ['--kubeconfig', kubeconfig, 'drift', ...rest];
const cm = async (wc: string, name: string): Promise<Record<string, string> | undefined> =>
  (await env.cluster(wc).client.get(CONFIGMAPS, 'team-a', name))?.data as Record<string, string> | undefined;
const intrude = (wc: string, name: string, data: Record<string, string>): Promise<KubeObject> =>
  env
    .cluster(wc)
    .client.apply(
      CONFIGMAPS,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team-a' }, data },
      { fieldManager: 'kubectl-edit', force: true },
    );
const status = async (): Promise<FleetSummary> =>
  JSON.parse((await driftline(args('status', '-o', 'json'))).stdout) as FleetSummary;
const once = async (...rest: string[]): Promise<{ code: number; stdout: string; json?: OnceJson }> => {
  const result = await driftline(args('run', '--once', '--profiles', dir, ...rest));
  return { ...result, ...(rest.includes('json') && { json: JSON.parse(result.stdout) as OnceJson }) };
};
type OnceJson = FleetSummary & { drifts: PassDrift[] };
// Rows without the fields that change with every observation.
const stable = (rows: FleetRow[]): Omit<FleetRow, 'observedAt' | 'watched'>[] =>
  rows.map(({ observedAt: _o, watched: _w, ...r }) => r);

/** Starts `driftline drift run` as a child process; resolves once it says it is watching. */
async function startRun(): Promise<{ child: ChildProcess; stderr: () => string }> {
  const script = `const { run } = await import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}); process.exitCode = await run(process.argv);`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, 'driftline', ...args('run', '--profiles', dir)],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
  );
  runs.push(child);
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  await until(() => stderr.includes('Ctrl-C stops') || child.exitCode !== null, 60_000, 'drift run to start');
  if (child.exitCode !== null) throw new Error(`drift run exited: ${stderr}`);
  return { child, stderr: () => stderr };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' }, wc2: { env: 'prod' } });
  dir = writeTree({ 'manual.yaml': manual, 'auto.yaml': auto });
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
});

afterAll(async () => {
  for (const child of runs) if (child.exitCode === null) child.kill('SIGKILL');
  await env?.stop();
});

describe('drift run --once and drift status', () => {
  it('deploys to the fleet and reports it in sync with exit code 0', async () => {
    const result = await driftline(args('run', '--once', '--profiles', dir));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^CLUSTER\s+PROFILE\s+STATUS\s+OBJECTS\s+DRIFTED\s+CONTESTED\s+OLDEST DRIFT\s+OBSERVED\n/,
    );
    expect(result.stdout).toMatch(/fleet\/wc1\s+manual\s+InSync\s+1\s+0\s+0\s+-\s+\d+s ago\n/);
    expect(await cm('wc2', 'limits')).toEqual({ maxPods: '30', region: 'eu' });
  });

  it('reports each drift it corrected, in the table and in JSON, and exits 0 once all is in sync', async () => {
    await intrude('wc2', 'settings', { mode: 'lax' });
    const table = await once();
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CLUSTER\s+PROFILE\s+OBJECT\s+DRIFT\s+ACTION\s+FIELDS$/m);
    expect(table.stdout).toMatch(
      /^fleet\/wc2\s+auto\s+ConfigMap team-a\/settings\s+modified\s+corrected\s+\/data\/mode$/m,
    );
    expect((await cm('wc2', 'settings'))?.mode).toBe('strict');

    await intrude('wc2', 'settings', { mode: 'loose' });
    const { code, json } = await once('-o', 'json');
    expect(code).toBe(0);
    expect(json?.objects).toEqual([]);
    expect(json?.drifts).toMatchObject([
      {
        cluster: 'fleet/wc2',
        profile: 'auto',
        kind: 'ConfigMap',
        namespace: 'team-a',
        name: 'settings',
        drift: 'modified',
        action: 'corrected',
        diff: [{ path: '/data/mode', old: 'strict', new: 'loose' }],
        attribution: [{ manager: 'kubectl-edit' }],
        correction: { by: 'auto', result: 'corrected' },
      },
    ]);
    expect((await once('-o', 'json')).json?.drifts).toEqual([]);
  });

  it('shows when each cluster was last observed, and says that nothing is watching', async () => {
    const before = Date.now();
    await once();
    const { rows } = await status();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Date.parse(row.observedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(row.watched).toBe(false);
    }
    const table = await driftline(args('status'));
    expect(table.stdout).toMatch(/fleet\/wc2\s+auto\s+InSync\s+1\s+0\s+0\s+-\s+\d+s ago\n/);
    expect(table.stdout).toContain('note: no running `driftline drift run` is watching any cluster');
  });

  it('prints the empty-state line on stderr, not stdout', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'driftline-state-'));
    const result = await driftline(args('status', '--state-dir', empty));
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('No drift state yet');
    const json = await driftline(args('status', '--state-dir', empty, '-o', 'json'));
    expect(JSON.parse(json.stdout)).toEqual({ rows: [], objects: [], notes: [] });
  });

  it('reports a Manual drift with its diff and who made it, exit code 1, and leaves it alone', async () => {
    await intrude('wc1', 'limits', { maxPods: '50' });
    const pass = await once();
    expect(pass.code).toBe(1);
    expect(pass.stdout).toMatch(
      /^fleet\/wc1\s+manual\s+ConfigMap team-a\/limits\s+modified\s+manual\s+\/data\/maxPods$/m,
    );
    const table = await driftline(args('status'));
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/fleet\/wc1\s+manual\s+Drifted\s+1\s+1\s+0\s+\d+s/);
    expect(table.stdout).toContain('Drifted ConfigMap team-a/limits on fleet/wc1 (profile manual)');
    expect(table.stdout).toContain('  /data/maxPods: 30 → 50');
    expect(table.stdout).toMatch(/changed by: kubectl-edit \(Apply, /);
    const json = await status();
    expect(json.objects).toMatchObject([
      { name: 'limits', status: 'Drifted', lastDiff: [{ path: '/data/maxPods', old: '30', new: '50' }] },
    ]);
    expect((await cm('wc1', 'limits'))?.maxPods).toBe('50');
  });
});

describe('drift correct', () => {
  it('corrects one object of a Manual profile on request, and nothing of other profiles', async () => {
    await intrude('wc1', 'settings', { mode: 'lax' });
    const result = await driftline(
      args(
        'correct',
        '--profiles',
        dir,
        '--profile',
        'manual',
        '--cluster',
        'wc1',
        '--resource',
        'ConfigMap/team-a/limits',
      ),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/fleet\/wc1\s+ConfigMap team-a\/limits\s+corrected/);
    expect((await cm('wc1', 'limits'))?.maxPods).toBe('30');
    expect((await cm('wc1', 'settings'))?.mode).toBe('lax');
    const json = await status();
    expect(json.rows.filter((r) => r.profile === 'manual').every((r) => r.status === 'InSync')).toBe(true);
    expect(json.objects).toMatchObject([{ profile: 'auto', name: 'settings', status: 'Drifted' }]);
  });
});

describe('drift accept', () => {
  it('writes the live value into the profile file, keeping comments, and deploys it fleet-wide next run', async () => {
    await intrude('wc2', 'limits', { maxPods: '40' });
    const result = await driftline(
      args('accept', '--profiles', dir, '--profile', 'manual', '--cluster', 'wc2'),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ConfigMap team-a\/limits\s+.*manual\.yaml\s+\/data\/maxPods/);
    const text = readFileSync(join(dir, 'manual.yaml'), 'utf8');
    expect(text).toContain('maxPods: "40" # agreed in review');
    expect(text).toContain('# owned by the platform team');
    expect((await driftline(args('run', '--once', '--profiles', dir))).code).toBe(0);
    expect((await cm('wc1', 'limits'))?.maxPods).toBe('40');
  });
});

describe('drift run as a process', () => {
  it('corrects drift while running, deploys an edited profile, and stops cleanly on Ctrl-C', async () => {
    const { child, stderr } = await startRun();
    await until(async () => (await status()).rows.every((r) => r.watched), 10_000, 'heartbeat saved');
    await intrude('wc1', 'settings', { mode: 'lax' });
    await until(async () => (await cm('wc1', 'settings'))?.mode === 'strict', 10_000, 'auto correction');
    writeFileSync(join(dir, 'auto.yaml'), auto.replace('mode: strict', 'mode: relaxed'));
    await until(
      async () =>
        (await cm('wc1', 'settings'))?.mode === 'relaxed' &&
        (await cm('wc2', 'settings'))?.mode === 'relaxed',
      10_000,
      'reloaded profile deployed',
    );
    expect(stderr()).toContain('profiles changed: 2 profile(s) reloaded');
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(stderr()).toContain('SIGINT: stopping');
    expect((await status()).rows.map((r) => r.watched)).not.toContain(true);
  });

  it('keeps its state when killed with SIGKILL and restarted, without spurious drift', async () => {
    const first = await startRun();
    await intrude('wc2', 'settings', { mode: 'lax' });
    await until(
      async () => (await status()).objects.length === 0 && (await cm('wc2', 'settings'))?.mode === 'relaxed',
      10_000,
      'corrected and saved',
    );
    await new Promise((r) => setTimeout(r, 700));
    first.child.kill('SIGKILL');
    await exited(first.child);
    const before = await status();
    const second = await startRun();
    await new Promise((r) => setTimeout(r, 1500));
    const after = await status();
    expect(stable(after.rows)).toEqual(stable(before.rows));
    expect(after.objects).toEqual([]);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  });
});

describe('unreachable clusters', () => {
  const mgmt = () => env.cluster('mgmt').client;
  const CLUSTERS = { group: 'cluster.x-k8s.io', version: 'v1beta1', resource: 'clusters', namespaced: true };

  it('reports a cluster never reached as Unreachable with exit 1, in run --once and in status', async () => {
    const port = await closedPort();
    const dead = env
      .cluster('wc1')
      .server.kubeconfig.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`);
    await env.create('mgmt', [
      cluster(FLEET_NS, 'gone').withLabels({ env: 'prod' }).build(),
      kubeconfigSecret(FLEET_NS, 'gone', dead).build(),
    ]);
    try {
      const pass = await once();
      expect(pass.code).toBe(1);
      expect(pass.stdout).toMatch(/^fleet\/gone\s+manual\s+Unreachable\s+0\s+0\s+0\s+-\s+-$/m);
      expect(pass.stdout).toMatch(/^Unreachable fleet\/gone: .*127\.0\.0\.1/m);
      expect(pass.stdout).toMatch(/fleet\/wc1\s+manual\s+InSync/);
      const table = await driftline(args('status'));
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(/^fleet\/gone\s+manual\s+Unreachable/m);
      const json = await status();
      expect(json.rows.filter((r) => r.cluster === 'fleet/gone')).toMatchObject([
        { profile: 'manual', status: 'Unreachable', lastError: expect.stringContaining('127.0.0.1') },
      ]);
    } finally {
      await mgmt().delete(CLUSTERS, FLEET_NS, 'gone');
      await mgmt().delete(CONFIGMAPS, STATE_NAMESPACE, `driftline-drift-${shardName('fleet/gone')}`);
    }
  });

  it('reports a known cluster whose API server stopped as Unreachable, and InSync once it answers again', async () => {
    await env.cluster('wc2').server.stop();
    try {
      const down = await once('-o', 'json');
      expect(down.code).toBe(1);
      expect(down.json?.rows.filter((r) => r.cluster === 'fleet/wc2').map((r) => r.status)).toEqual([
        'Unreachable',
        'Unreachable',
      ]);
    } finally {
      await env.cluster('wc2').server.start();
    }
    const up = await once('-o', 'json');
    expect(up.json?.rows.map((r) => r.status)).toEqual(up.json?.rows.map(() => 'InSync'));
    expect(up.code).toBe(0);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
