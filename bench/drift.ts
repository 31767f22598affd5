// Benchmark: continuous drift detection with real API servers × N managed ConfigMaps each.
// Measures out-of-band change → drift event (webhook receipt) p50/p99, change → corrected p50,
// the controller's idle CPU and its memory per managed object (two runs: N and a 10-object baseline).
// Then bursts: `--burst` changes at once spread over all clusters, `--bursts` times.
// Run: npx tsx bench/drift.ts [--clusters 5] [--objects 1000] [--changes 200] [--idle 30] [--burst 100] [--bursts 5]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { LocalEnv } from '../src/lab/environment.js';
import { machine } from './measure.js';

const arg = (name: string, fallback: number): number =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1] || fallback) || fallback;
const CLUSTERS = arg('clusters', 5);
const OBJECTS = arg('objects', 1000);
const CHANGES = arg('changes', 200);
const IDLE_S = arg('idle', 30);
const BURST = arg('burst', 100);
const BURSTS = arg('bursts', 5);
const ROOT = resolve(import.meta.dirname, '..');
const CM = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const NS = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };

interface Received {
  type: string;
  cluster: string;
  object: { name: string };
  diff: { new?: unknown }[];
  at: string;
}

const names = Array.from({ length: CLUSTERS }, (_, i) => `wc${i + 1}`);
const env = await LocalEnv.start({ clusters: names });
const work = mkdtempSync(join(tmpdir(), 'bench-drift-'));
const events: { body: Received; receivedAt: number }[] = [];
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    events.push({ body: JSON.parse(body) as Received, receivedAt: Date.now() });
    res.writeHead(200).end();
  });
});
await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;

try {
  for (const c of env.clusters())
    await c.client.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  const kubeconfig = mergedKubeconfig();
  const baseline = await runController(kubeconfig, 10, false);
  const full = await runController(kubeconfig, OBJECTS, true);
  const perObjectKiB = ((full.rssMiB - baseline.rssMiB) * 1024) / (CLUSTERS * (OBJECTS - 10));
  const report = {
    machine: machine(),
    clusters: CLUSTERS,
    objectsPerCluster: OBJECTS,
    managedObjects: CLUSTERS * OBJECTS,
    changes: CHANGES,
    startupToWatchingSeconds: full.startupS,
    driftEventMs: full.latency,
    correctedMs: full.corrected,
    burst: {
      changesAtOnce: BURST,
      bursts: BURSTS,
      driftEventMs: full.burstLatency,
      correctedMs: full.burstCorrected,
    },
    idleCpuPercentOfOneCore: full.idleCpu,
    rssMiB: { baseline10PerCluster: baseline.rssMiB, full: full.rssMiB },
    memoryPerManagedObjectKiB: Number(perObjectKiB.toFixed(2)),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  hook.close();
  await env.stop();
}

function mergedKubeconfig(): string {
  const docs = env.clusters().map((c) => parse(c.server.kubeconfig) as Record<string, unknown[]>);
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: docs.flatMap((d) => d.clusters ?? []),
    users: docs.flatMap((d) => d.users ?? []),
    contexts: docs.flatMap((d) => d.contexts ?? []),
    'current-context': names[0],
  };
  const file = join(work, 'fleet.kubeconfig');
  writeFileSync(file, stringify(merged), { mode: 0o600 });
  return file;
}

function profileDir(objects: number): string {
  const dir = mkdtempSync(join(work, 'profiles-'));
  const resources = Array.from({ length: objects }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: 'bench' },
    data: { index: String(i), mode: 'declared', payload: 'x'.repeat(64) },
  }));
  const profile = {
    apiVersion: 'driftline.dev/v1alpha1',
    kind: 'DriftProfile',
    metadata: { name: 'bench' },
    spec: { clusterSelector: {}, correction: 'Auto', resources },
  };
  writeFileSync(join(dir, 'bench.yaml'), stringify(profile));
  return dir;
}

async function runController(
  kubeconfig: string,
  objects: number,
  measureChanges: boolean,
): Promise<RunResult> {
  const script = `const { run } = await import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}); process.exitCode = await run(process.argv);`;
  const args = [
    '--kubeconfig',
    kubeconfig,
    'drift',
    'run',
    '--fleet',
    'contexts',
    '--profiles',
    profileDir(objects),
    '--state-dir',
    mkdtempSync(join(work, 'state-')),
    '--webhook',
    hookUrl,
  ];
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, 'driftline', ...args],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  await waitFor(
    () => stderr.includes('Ctrl-C stops'),
    600_000,
    () => stderr,
  );
  const startupS = (Date.now() - started) / 1000;
  console.error(`controller with ${objects}/cluster watching after ${startupS.toFixed(1)} s`);
  await sleep(3000);
  const result: RunResult = {
    startupS,
    rssMiB: 0,
  };
  if (measureChanges) {
    result.idleCpu = await idleCpu(child, IDLE_S);
    const { latency, corrected } = await changes(objects);
    result.latency = latency;
    result.corrected = corrected;
    const burst = await bursts(objects);
    result.burstLatency = burst.latency;
    result.burstCorrected = burst.corrected;
  }
  await sleep(2000);
  result.rssMiB = rssMiB(child.pid!);
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  return result;
}

async function changes(objects: number): Promise<{ latency: Stats; corrected: Stats }> {
  const drift: number[] = [];
  const fixed: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const cluster = env.clusters()[i % CLUSTERS]!;
    const name = `cm-${Math.floor(Math.random() * objects)}`;
    const value = `changed-${i}`;
    const t0 = Date.now();
    await cluster.client.apply(
      CM,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'bench' }, data: { mode: value } },
      { fieldManager: 'bench-intruder', force: true },
    );
    const match = (type: string) => (e: { body: Received }) =>
      e.body.type === type &&
      e.body.object.name === name &&
      e.body.cluster === cluster.name &&
      e.body.diff.some((d) => d.new === value);
    const d = await waitFor(() => events.find(match('drift')), 30_000);
    const c = await waitFor(() => events.find(match('corrected')), 30_000);
    drift.push(d.receivedAt - t0);
    fixed.push(c.receivedAt - t0);
    await sleep(50);
  }
  return { latency: stats(drift), corrected: stats(fixed) };
}

// Each burst changes BURST distinct objects at once (round-robin over clusters) and waits for all.
async function bursts(objects: number): Promise<{ latency: Stats; corrected: Stats }> {
  const drift: number[] = [];
  const fixed: number[] = [];
  for (let b = 0; b < BURSTS; b++) {
    const picks = Array.from({ length: BURST }, (_, i) => ({
      cluster: env.clusters()[i % CLUSTERS]!,
      name: `cm-${(b * BURST + i) % objects}`,
      value: `burst-${b}-${i}`,
    }));
    const t0 = Date.now();
    await Promise.all(
      picks.map((p) =>
        p.cluster.client.apply(
          CM,
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: p.name, namespace: 'bench' },
            data: { mode: p.value },
          },
          { fieldManager: 'bench-intruder', force: true },
        ),
      ),
    );
    for (const p of picks) {
      const match = (type: string) => (e: { body: Received }) =>
        e.body.type === type &&
        e.body.object.name === p.name &&
        e.body.cluster === p.cluster.name &&
        e.body.diff.some((d) => d.new === p.value);
      drift.push((await waitFor(() => events.find(match('drift')), 60_000)).receivedAt - t0);
      fixed.push((await waitFor(() => events.find(match('corrected')), 60_000)).receivedAt - t0);
    }
    await sleep(500);
  }
  return { latency: stats(drift), corrected: stats(fixed) };
}

async function idleCpu(child: ChildProcess, seconds: number): Promise<number> {
  const ticks = (): number => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const a = ticks();
  const t = Date.now();
  await sleep(seconds * 1000);
  const used = (ticks() - a) / 100;
  return Number(((used / ((Date.now() - t) / 1000)) * 100).toFixed(2));
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number((Number(m?.[1] ?? 0) / 1024).toFixed(1));
}

interface RunResult {
  startupS: number;
  rssMiB: number;
  idleCpu?: number;
  latency?: Stats;
  corrected?: Stats;
  burstLatency?: Stats;
  burstCorrected?: Stats;
}

interface Stats {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  n: number;
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1]!, n: s.length };
}

async function waitFor<T>(
  fn: () => T | undefined | false,
  timeoutMs: number,
  detail?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out${detail ? `: ${detail().slice(-2000)}` : ''}`);
    await sleep(5);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
