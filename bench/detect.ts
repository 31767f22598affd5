// Benchmark: `driftline detect` on a backup of 50 clusters × 20 machines against 2,000 simulator VMs
// and 1,000 Nodes served by 5 real API servers (each holding the Nodes of 10 clusters).
// Run: npm run build && npx tsx bench/detect.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mapLimit } from '../src/common/concurrency.js';
import { capiTopology, topologyNodes } from '../src/lab/builders/index.js';
import { LocalEnv } from '../src/lab/environment.js';
import { freePort } from '../src/lab/ports.js';
import { startVcsim } from '../src/lab/vcsim.js';
import { buildTopology } from '../src/model/capi-topology.js';
import type { KubeObject } from '../src/model/resource-key.js';
import { buildReport, type VmRecord } from '../src/recovery/index.js';
import { writeBackupFile } from '../test/support/backup-file.js';
import { machine, measure, nodeWithRss } from './measure.js';

const CLUSTERS = 50;
const SERVERS = 5;
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-detect-'));
const servers = Array.from({ length: SERVERS }, (_, i) => `n${i + 1}`);
const env = await LocalEnv.start({ clusters: servers });
try {
  const port = await freePort();
  const topologies = Array.from({ length: CLUSTERS }, (_, i) =>
    capiTopology({
      namespace: `ns-${i % 5}`,
      name: `c${i}`,
      controlPlane: 3,
      workers: [{ pool: 'md-0', replicas: 17 }],
      server: `127.0.0.1:${port}`,
      kubeconfig: env.cluster(servers[i % SERVERS]!).server.kubeconfig,
    }),
  );
  const vms = topologies.flatMap((t) => t.vms);
  const others = Array.from({ length: 2000 - vms.length }, (_, i) => ({
    name: `unrelated-vm-${i}`,
    uuid: `4200ffff-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  const t0 = Date.now();
  const vc = await startVcsim({
    vms: [...vms.map((v) => ({ name: v.name, uuid: v.uuid })), ...others],
    password: 'pw',
    port,
  });
  console.log(
    `vcsim with ${vms.length + others.length} VMs ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await mapLimit(topologies, 4, async (t, i) => {
    const nodes = topologyNodes(t.vms).map(
      (n): KubeObject => ({ ...n, status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
    );
    const { client } = env.cluster(servers[i % SERVERS]!);
    await mapLimit(nodes, 16, (n) =>
      client.create({ group: '', version: 'v1', resource: 'nodes', namespaced: false }, n),
    );
  });
  const backup = join(dir, 'fleet-data.tar.gz');
  await writeBackupFile(
    backup,
    topologies.flatMap((t) => t.objects),
  );
  writeFileSync(join(dir, 'pw'), 'pw');

  const run = await measure(
    process.execPath,
    nodeWithRss(
      `const { run } = await import(${JSON.stringify(join(root, 'dist/src/cli/main.js'))});
     const code = await run(['node','driftline','detect','--backup',${JSON.stringify(backup)},'-o',${JSON.stringify(join(dir, 'r.json'))},
       '--vsphere-server',${JSON.stringify(vc.url)},'--vsphere-username','user','--vsphere-password-file',${JSON.stringify(join(dir, 'pw'))},'--vsphere-thumbprint',${JSON.stringify(vc.thumbprint)}]);
     if (code === 2) process.exit(2);`,
    ),
  );

  // Classification alone, on evidence already in memory (each cluster seeing only its own Nodes).
  const objects = topologies.flatMap((t) => t.objects);
  const topology = buildTopology(objects);
  const vmRecords: VmRecord[] = [...vms, ...others].map((v, i) => ({
    moref: `vm-${i}`,
    name: v.name,
    biosUuid: v.uuid,
    instanceUuid: null,
    powerState: 'poweredOn',
    folderPath: '/DC0/vm',
    resourcePoolPath: null,
  }));
  const own = Object.fromEntries(
    topologies.map((t) => [
      `${t.objects[0]!.metadata.namespace}/${t.objects.find((o) => o.kind === 'Cluster')!.metadata.name}`,
      {
        state: 'checked' as const,
        nodes: t.vms.map((v) => ({
          name: v.name,
          providerID: v.providerID,
          controlPlane: v.role === 'control-plane',
          ready: true,
          createdAt: null,
        })),
      },
    ]),
  );
  const c0 = performance.now();
  const report = buildReport(
    topology,
    { vsphere: { state: 'checked', server: `127.0.0.1:${port}`, vms: vmRecords }, nodes: own },
    { backup: { name: 'b', created: null, formatVersion: '1.1.0' } },
    new Date(),
  );
  const classifyMs = performance.now() - c0;

  const rows = [
    ['machine', machine()],
    ['backup', `${CLUSTERS} clusters × 20 machines (${objects.length} objects)`],
    [
      'inventory',
      `${vms.length + others.length} VMs in the simulator, ${vms.length} Nodes on ${SERVERS} API servers`,
    ],
    [
      'driftline detect end to end',
      `${(run.ms / 1000).toFixed(2)} s, peak RSS ${run.maxRssMiB?.toFixed(0)} MiB`,
    ],
    [
      'classification + report (in memory, 1 cluster per server)',
      `${classifyMs.toFixed(1)} ms → ${report.summary.status}, ${report.summary.counts.byStatus.Healthy} Healthy`,
    ],
  ];
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  await vc.stop();
} finally {
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}
