// Benchmark: start-up of the built CLI against a bare `node -e 0`, side by side in one run
// (round-robin, median of N), with each child's peak RSS. `--baseline DIR` (repeatable) adds the
// same commands run from another checkout's build (e.g. a `git worktree` of an older commit) to the
// same rounds; `--node PATH` runs every child on another Node binary.
// Run: npm run build && npx tsx bench/startup.ts [--runs 30] [--baseline ../driftline-old] [--node node24]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { FsObjectStore } from '../src/adapters/store/index.js';
import { BackupRepository } from '../src/backup/repository.js';
import { buildBackupObject, createBackupWriter } from '../src/format/index.js';

const RUNS = numberFlag('--runs', 30);
const BACKUPS = 5;
const root = resolve(import.meta.dirname, '..');
const baselines = process.argv.flatMap((arg, i) =>
  arg === '--baseline' ? [resolve(process.argv[i + 1]!)] : [],
);
const nodeFlag = process.argv.indexOf('--node');
const NODE = nodeFlag > 0 ? process.argv[nodeFlag + 1]! : process.execPath;

/** One command line to time: a label and node's arguments. */
interface Case {
  label: string;
  args: string[];
}

// Child peak RSS, written on stderr at exit; node:fs is already loaded, so this costs nothing.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>writeSync(2,"\\n"+JSON.stringify({maxRSS:process.resourceUsage().maxRSS})))',
)}`;

for (const dir of [root, ...baselines])
  if (!existsSync(join(dir, 'dist/src/cli/main.js'))) {
    console.error(`${dir}/dist is missing: run \`npm run build\` there first`);
    process.exit(2);
  }

const store = mkdtempSync(join(tmpdir(), 'bench-startup-'));
try {
  await writeBackups(store);
  const cases = [
    { label: 'node -e 0', args: ['-e', '0'] },
    ...cliCases(root, ''),
    ...baselines.flatMap((dir) => cliCases(dir, `${basename(dir)}: `)),
  ];
  for (const c of cases) run(c.args); // warm the file cache; checks every command succeeds
  const load = loadavg()[0]!;
  const times = new Map<string, number[]>(cases.map((c) => [c.label, []]));
  for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.label)!.push(run(c.args));
  const rss = new Map(cases.map((c) => [c.label, median([0, 1, 2].map(() => peakRss(c.args)))]));
  const floor = median(times.get('node -e 0')!);
  console.log(
    `machine: ${machineLine()}, children on Node ${spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
  );
  console.log(
    `runs: ${RUNS} per command, round-robin; load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log('| command | median | p25–p75 | × node -e 0 | peak RSS |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of cases) {
    const t = times.get(c.label)!;
    console.log(
      `| \`${c.label}\` | ${fmt(median(t))} | ${fmt(quantile(t, 0.25))}–${fmt(quantile(t, 0.75))} | ${(median(t) / floor).toFixed(2)}× | ${rss.get(c.label)!.toFixed(0)} MiB |`,
    );
  }
} finally {
  rmSync(store, { recursive: true, force: true });
}

function cliCases(dir: string, prefix: string): Case[] {
  const bin = join(dir, 'bin/driftline.js');
  const commands = [
    ['--help'],
    ['--version'],
    ['backup', '--help'],
    ['backup', 'create', '--help'],
    ['drift', 'status', '--help'],
    ['backup', 'list'],
    ['backup', 'list', '-o', 'json'],
  ];
  return commands.map((argv) => ({
    label: `${prefix}driftline ${argv.join(' ')}`,
    args: [bin, ...argv, ...(argv[1] === 'list' ? ['--store', store] : [])],
  }));
}

// Wall time of one child in ms; a failing command stops the benchmark.
function run(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { encoding: 'utf8', env: benchEnv() });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function peakRss(args: string[]): number {
  const r = spawnSync(NODE, ['--import', RSS_HOOK, ...args], {
    encoding: 'utf8',
    env: benchEnv(),
  });
  const m = r.stderr.match(/\{"maxRSS":(\d+)\}/);
  if (!m) throw new Error(`no RSS from node ${args.join(' ')}: ${r.stderr}`);
  return Number(m[1]) / 1024;
}

// No store, kubeconfig or log level from the caller's environment.
function benchEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: store, NO_COLOR: '1' };
}

/** Writes a few small backups (tarball + metadata), as `backup create` would, into a local store. */
async function writeBackups(dir: string): Promise<void> {
  const repo = new BackupRepository(new FsObjectStore(dir));
  for (let b = 0; b < BACKUPS; b++) {
    const name = `nightly-2026120${b + 1}020000`;
    const body = new PassThrough();
    const upload = repo.store.put(repo.layout.backupKeys(name).contents, body);
    const writer = createBackupWriter(body);
    for (let i = 0; i < 20; i++)
      await writer.add({
        resource: 'configmaps',
        group: '',
        object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } },
      });
    await writer.finish();
    await upload;
    const started = new Date(Date.UTC(2026, 11, b + 1, 2));
    await repo.putMetadata(
      buildBackupObject({
        name,
        phase: 'Completed',
        startTimestamp: started,
        completionTimestamp: new Date(started.getTime() + 4000),
        totalItems: 20,
        itemsBackedUp: 20,
      }),
    );
  }
}

function machineLine(): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown CPU';
  const cores = cpuinfo.match(/^processor\s*:/gm)?.length ?? 0;
  return `${cores} × ${model}`;
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)]! + (s[Math.ceil(i)]! - s[Math.floor(i)]!) * (i - Math.floor(i));
}

function fmt(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

function numberFlag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
