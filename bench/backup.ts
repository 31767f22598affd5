// Benchmark: `driftline backup create` of N small objects from a real API server, against the
// same server's raw paginated LIST throughput; and reading the tarball against `tar -xzf`.
// Run: npm run build && npx tsx bench/backup.ts [--objects 100000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mapLimit } from '../src/common/concurrency.js';
import { LocalEnv } from '../src/lab/environment.js';
import { machine, measure, nodeWithRss } from './measure.js';

const flag = process.argv.indexOf('--objects');
const N = flag > 0 ? Number(process.argv[flag + 1]) : 100_000;
const NAMESPACES = 10;
const root = resolve(import.meta.dirname, '..');

const env = await LocalEnv.start({ clusters: ['bench'] });
const store = mkdtempSync(join(tmpdir(), 'bench-store-'));
try {
  const { client, server } = env.cluster('bench');
  const cm = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
  const ns = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
  for (let i = 0; i < NAMESPACES; i++)
    await client.create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${i}` } });
  console.log(`creating ${N} ConfigMaps…`);
  const t0 = Date.now();
  await mapLimit(
    Array.from({ length: N }, (_, i) => i),
    64,
    (i) =>
      client.create(cm, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cm-${i}`, namespace: `bench-${i % NAMESPACES}`, labels: { app: 'bench' } },
        data: { index: String(i), payload: 'x'.repeat(64) },
      }),
  );
  console.log(`created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Baseline: the server's own paginated LIST, bytes only (no parsing), limit=500.
  const raw = await timed(() => rawList(server.url, server.token, server.caPem, '/api/v1/configmaps'));
  // The same, one namespace after another: what the backup asks of the server for a big resource.
  const rawPerNamespace = await timed(async () => {
    let bytes = 0;
    for (let i = 0; i < NAMESPACES; i++)
      bytes += await rawList(
        server.url,
        server.token,
        server.caPem,
        `/api/v1/namespaces/bench-${i}/configmaps`,
      );
    return bytes;
  });
  // A client that handles every object: kubectl's paginated `get -o json` (skipped when absent).
  const kubectl = await measure('sh', [
    '-c',
    `kubectl --kubeconfig ${server.kubeconfigPath} get configmaps -A -o json --chunk-size=500 > /dev/null`,
  ]).catch(() => undefined);

  const backupWith = (name: string, extra: string[]): ReturnType<typeof measure> =>
    measure(
      process.execPath,
      nodeWithRss(
        `const { run } = await import(${JSON.stringify(join(root, 'dist/src/cli/main.js'))});
     const code = await run(['node','driftline','--kubeconfig',${JSON.stringify(server.kubeconfigPath)},'backup','create',${JSON.stringify(name)},'--include-resources','configmaps','--store',${JSON.stringify(store)},...${JSON.stringify(extra)}]);
     if (code !== 0) process.exit(code);`,
      ),
    );
  const backup = await backupWith('bench', []);
  const fast = await backupWith('bench-fast', ['--compression-level', '1']);
  // Every object matches; with a selector the server sends no remaining count, so no per-namespace split.
  const selected = await backupWith('bench-selector', ['-l', 'app=bench']);
  const tarball = join(store, 'backups', 'bench', 'bench.tar.gz');
  const read = await measure(
    process.execPath,
    nodeWithRss(
      `const { createReadStream } = await import('node:fs');
     const { readBackup } = await import(${JSON.stringify(join(root, 'dist/src/format/index.js'))});
     let n = 0; for await (const _ of readBackup(createReadStream(${JSON.stringify(tarball)}))) n++;
     console.log(n);`,
    ),
  );
  const tar = await measure('sh', ['-c', `tar -xzf ${tarball} -O > /dev/null`]);

  const rows = [
    ['machine', machine()],
    ['objects', String(N)],
    [
      'raw paginated LIST (limit 500, bytes only)',
      `${(raw.ms / 1000).toFixed(2)} s, ${(N / (raw.ms / 1000)).toFixed(0)} objects/s`,
    ],
    [
      'driftline backup create',
      `${(backup.ms / 1000).toFixed(2)} s, ${(N / (backup.ms / 1000)).toFixed(0)} objects/s, peak RSS ${backup.maxRssMiB?.toFixed(0)} MiB`,
    ],
    [
      'raw paginated LIST per namespace, one after another (limit 500, bytes only)',
      `${(rawPerNamespace.ms / 1000).toFixed(2)} s, ${(N / (rawPerNamespace.ms / 1000)).toFixed(0)} objects/s`,
    ],
    ['backup throughput / raw LIST throughput', `${((raw.ms / backup.ms) * 100).toFixed(0)} %`],
    [
      'backup throughput / per-namespace raw LIST throughput',
      `${((rawPerNamespace.ms / backup.ms) * 100).toFixed(0)} %`,
    ],
    [
      'driftline backup create --compression-level 1',
      `${(fast.ms / 1000).toFixed(2)} s, ${(N / (fast.ms / 1000)).toFixed(0)} objects/s, peak RSS ${fast.maxRssMiB?.toFixed(0)} MiB (${((raw.ms / fast.ms) * 100).toFixed(0)} % of raw LIST)`,
    ],
    [
      'driftline backup create -l app=bench (one cluster-wide list, no split)',
      `${(selected.ms / 1000).toFixed(2)} s, peak RSS ${selected.maxRssMiB?.toFixed(0)} MiB (${((raw.ms / selected.ms) * 100).toFixed(0)} % of raw LIST)`,
    ],
    [
      'kubectl get configmaps -A -o json --chunk-size=500',
      kubectl
        ? `${(kubectl.ms / 1000).toFixed(2)} s; driftline backup / kubectl throughput ${((kubectl.ms / backup.ms) * 100).toFixed(0)} %`
        : 'kubectl not installed',
    ],
    ['tarball size', `${(statSync(tarball).size / 1024 ** 2).toFixed(1)} MiB`],
    [
      'driftline read (readBackup)',
      `${(read.ms / 1000).toFixed(2)} s (${read.stdout.trim()} items), peak RSS ${read.maxRssMiB?.toFixed(0)} MiB`,
    ],
    ['tar -xzf to /dev/null', `${(tar.ms / 1000).toFixed(2)} s`],
    ['read time / tar time', `${(read.ms / tar.ms).toFixed(2)}×`],
  ];
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} finally {
  await env.stop();
  rmSync(store, { recursive: true, force: true });
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const t = Date.now();
  const bytes = await fn();
  return { ms: Date.now() - t, bytes };
}

async function rawList(url: string, token: string, ca: string, path: string): Promise<number> {
  let cont = '';
  let bytes = 0;
  do {
    const body = await new Promise<string>((res, rej) => {
      const r = request(
        `${url}${path}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
        { headers: { authorization: `Bearer ${token}` }, ca },
        (resp) => {
          let s = '';
          resp.setEncoding('utf8');
          resp.on('data', (c) => (s += c));
          resp.on('end', () => res(s));
        },
      );
      r.on('error', rej);
      r.end();
    });
    bytes += body.length;
    // Only the continue token is needed; find it without parsing the whole page.
    const m = body.match(/"continue":"([^"]*)"/);
    cont = m ? m[1]! : '';
  } while (cont);
  return bytes;
}
