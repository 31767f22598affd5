// Benchmark: `driftline restore create` of N Cluster API clusters (25 CAPI objects + 5 Secrets
// each) into a real API server, against `kubectl create -f` of the same objects into a second,
// identical API server in the same run (same etcd, same machine).
// Run: npm run build && npx tsx bench/restore.ts [--clusters 100]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { FsObjectStore } from '../src/adapters/store/index.js';
import { BackupRepository } from '../src/backup/repository.js';
import { buildBackupObject, createBackupWriter } from '../src/format/index.js';
import { capiTopology, namespace } from '../src/lab/builders/index.js';
import { loadProjectCrds } from '../src/lab/crds/index.js';
import { LocalEnv } from '../src/lab/environment.js';
import type { KubeObject } from '../src/model/resource-key.js';
import { machine, measure, nodeWithRss } from './measure.js';

const flag = process.argv.indexOf('--clusters');
const CLUSTERS = flag >= 0 ? Number(process.argv[flag + 1]) : 100;
const NAMESPACES = 10;
const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/src/cli/main.js');
if (!existsSync(cli)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const env = await LocalEnv.start({ clusters: ['driftline', 'kubectl'] });
const dir = mkdtempSync(join(tmpdir(), 'bench-restore-'));
try {
  await Promise.all([
    env.installCrds('driftline', loadProjectCrds()),
    env.installCrds('kubectl', loadProjectCrds()),
  ]);
  const objects = fleet();
  const capi = objects.filter((o) => o.apiVersion.includes('cluster.x-k8s.io')).length;
  const secrets = objects.filter((o) => o.kind === 'Secret').length;
  console.log(`${CLUSTERS} clusters: ${objects.length} objects (${capi} Cluster API, ${secrets} Secrets)`);
  await writeBackup(env, join(dir, 'store'), objects);

  const file = join(dir, 'fleet.yaml');
  writeFileSync(file, objects.map((o) => stringify(forKubectl(o))).join('---\n'));
  const kubectl = existsSync(KUBECTL)
    ? await measure(KUBECTL, [
        '--kubeconfig',
        env.cluster('kubectl').server.kubeconfigPath,
        'create',
        '-f',
        file,
      ])
    : undefined;
  if (!kubectl) console.log(`kubectl not found at ${KUBECTL}: skipping the kubectl baseline (set KUBECTL=…)`);

  const restore = await measure(process.execPath, nodeWithRss(restoreScript('bench', [])));
  const serial = await measure(
    process.execPath,
    nodeWithRss(restoreScript('bench-serial', ['--concurrency', '1', '--namespace-mapping', mapping()])),
  );
  await checkCounts(env, objects.length, Boolean(kubectl));

  const n = objects.length;
  const rate = (ms: number) => `${(n / (ms / 1000)).toFixed(0)} objects/s`;
  const rows = [
    ['machine', machine()],
    [
      'objects',
      `${n} (${CLUSTERS} clusters: ${capi} Cluster API objects, ${secrets} Secrets, ${NAMESPACES} Namespaces)`,
    ],
    ...(kubectl
      ? [
          [
            'kubectl create -f (one file, sequential)',
            `${(kubectl.ms / 1000).toFixed(2)} s, ${rate(kubectl.ms)}`,
          ],
        ]
      : []),
    [
      'driftline restore create (concurrency 16, journal, results)',
      `${(restore.ms / 1000).toFixed(2)} s, ${rate(restore.ms)}, peak RSS ${restore.maxRssMiB?.toFixed(0)} MiB`,
    ],
    ['driftline restore create --concurrency 1', `${(serial.ms / 1000).toFixed(2)} s, ${rate(serial.ms)}`],
    ...(kubectl
      ? [['driftline throughput / kubectl throughput', `${(kubectl.ms / restore.ms).toFixed(2)}×`]]
      : []),
    ...(kubectl ? [['driftline --concurrency 1 / kubectl', `${(kubectl.ms / serial.ms).toFixed(2)}×`]] : []),
  ];
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} finally {
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}

function restoreScript(name: string, extra: string[]): string {
  const args = [
    'node',
    'driftline',
    '--kubeconfig',
    env.cluster('driftline').server.kubeconfigPath,
    'restore',
    'create',
    name,
    '--from-backup',
    'fleet',
    '--store',
    join(dir, 'store'),
    ...extra,
  ];
  return `const { run } = await import(${JSON.stringify(cli)});
     const code = await run(${JSON.stringify(args)});
     if (code !== 0) process.exit(code);`;
}

// Every namespace restored a second time under a new name, for the serial run.
function mapping(): string {
  return Array.from({ length: NAMESPACES }, (_, i) => `fleet-${i}:serial-${i}`).join(',');
}

/** The objects of N clusters spread over 10 namespaces, owners first (as a backup holds them). */
function fleet(): KubeObject[] {
  const out: KubeObject[] = Array.from({ length: NAMESPACES }, (_, i) => namespace(`fleet-${i}`).build());
  for (let i = 0; i < CLUSTERS; i++) {
    const t = capiTopology({
      namespace: `fleet-${i % NAMESPACES}`,
      name: `wc-${String(i).padStart(3, '0')}`,
      apiVersion: i % 2 === 0 ? 'v1beta1' : 'v1beta2',
      controlPlane: 3,
      workers: [{ pool: 'md-0', replicas: 1 }],
      server: 'vc.example',
    });
    out.push(...t.objects);
  }
  return out;
}

// kubectl gets the objects as a user would apply them: no uid, no status.
function forKubectl(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(o);
  delete rest.metadata.uid;
  return rest as KubeObject;
}

/** Writes the objects as a Velero backup `fleet` into a local store (fake uids, consistent ownerReferences). */
async function writeBackup(localEnv: LocalEnv, storeDir: string, objects: KubeObject[]): Promise<void> {
  const repo = new BackupRepository(new FsObjectStore(storeDir));
  const { client } = localEnv.cluster('kubectl');
  const body = new PassThrough();
  const upload = repo.store.put(repo.layout.backupKeys('fleet').contents, body);
  const writer = createBackupWriter(body);
  for (const object of objects) {
    const [group, version] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : ['', object.apiVersion];
    const r = await client.resolve({ group, version, kind: object.kind });
    await writer.add({ resource: r.resource, group: r.group, object });
  }
  await writer.finish();
  await upload;
  const now = new Date();
  await repo.putMetadata(
    buildBackupObject({
      name: 'fleet',
      phase: 'Completed',
      startTimestamp: now,
      completionTimestamp: now,
      totalItems: objects.length,
      itemsBackedUp: objects.length,
    }),
  );
}

async function checkCounts(localEnv: LocalEnv, expected: number, withKubectl: boolean): Promise<void> {
  for (const name of withKubectl ? ['driftline', 'kubectl'] : ['driftline']) {
    const { client } = localEnv.cluster(name);
    let n = 0;
    for (const kind of [
      'Namespace',
      'Secret',
      'Cluster',
      'Machine',
      'KubeadmConfig',
      'VSphereMachine',
      'VSphereVM',
    ]) {
      const ref = await client.resolve({ kind });
      const items = (await client.list(ref)).items.filter((o) =>
        /^fleet-/.test(o.metadata.namespace ?? o.metadata.name),
      );
      n += items.length;
    }
    if (n === 0 || n > expected) throw new Error(`${name}: unexpected object count ${n}`);
  }
}
