// driftline detect against real workload API servers (Nodes) and the vSphere simulator (VMs):
// the reality each scenario needs is built from the same topology as the backup, then changed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capiTopology, type TopologyVm, topologyNodes } from '../../src/lab/builders/index.js';
import { freePort } from '../../src/lab/ports.js';
import { startVcsim, type Vcsim } from '../../src/lab/vcsim.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { RecoveryDriftReport } from '../../src/recovery/index.js';
import { driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';
import { writeBackupFile } from '../support/backup-file.js';

const dir = mkdtempSync(join(tmpdir(), 'driftline-detect-'));
const passwordFile = join(dir, 'vc-password');
let env: TestEnv;
let vcsims: Vcsim[] = [];
// Every scenario's simulator listens here, so the backup's VSphereCluster.spec.server names it.
let vcPort: number;

type Topo = ReturnType<typeof capiTopology>;
let wc1: Topo; // v1beta1, 3 control planes, md-0 × 3 (MHC covers md-0)
let wc2: Topo; // v1beta2, 3 control planes, md-0 × 2
let wc3: Topo; // its API server will be stopped
let wc4: Topo; // deleted: no API server, no VMs

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['wc1', 'wc2', 'wc3'] });
  vcPort = await freePort();
  const topo = (name: string, apiVersion: 'v1beta1' | 'v1beta2', kubeconfig: string, workers = 2): Topo =>
    capiTopology({
      namespace: 'fleet',
      name,
      apiVersion,
      controlPlane: name === 'wc4' ? 1 : 3,
      workers: [{ pool: 'md-0', replicas: workers }],
      server: `127.0.0.1:${vcPort}`,
      kubeconfig,
    });
  wc1 = topo('wc1', 'v1beta1', env.cluster('wc1').server.kubeconfig, 3);
  wc2 = topo('wc2', 'v1beta2', env.cluster('wc2').server.kubeconfig);
  wc3 = topo('wc3', 'v1beta1', env.cluster('wc3').server.kubeconfig);
  // Deleted: a valid kubeconfig whose API server no longer exists.
  wc4 = topo(
    'wc4',
    'v1beta1',
    env.cluster('wc1').server.kubeconfig.replace(env.cluster('wc1').server.url, 'https://127.0.0.1:1'),
  );
  for (const [name, t] of [
    ['wc1', wc1],
    ['wc2', wc2],
    ['wc3', wc3],
  ] as const)
    await env.create(name, topologyNodes(t.vms).map(readyNode));
  await writeBackupFile(join(dir, 'all-data.tar.gz'), [...wc1.objects, ...wc2.objects, ...wc3.objects]);
  await writeBackupFile(join(dir, 'fleet-data.tar.gz'), [
    ...wc1.objects,
    ...wc2.objects,
    ...wc3.objects,
    ...wc4.objects,
  ]);
  await writeBackupFile(join(dir, 'v2-data.tar.gz'), wc2.objects);
});
afterAll(async () => {
  await Promise.all(vcsims.map((v) => v.stop()));
  await env?.stop();
});

function readyNode(n: KubeObject): KubeObject {
  return { ...n, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

async function vcenter(vms: TopologyVm[], password = 'right-password'): Promise<Vcsim> {
  await Promise.all(vcsims.map((v) => v.stop()));
  vcsims = [];
  const vc = await startVcsim({
    vms: vms.map((v) => ({ name: v.name, uuid: v.uuid })),
    password,
    port: vcPort,
  });
  vcsims.push(vc);
  writeFileSync(passwordFile, 'right-password\n');
  return vc;
}

async function runDetect(
  backup: string,
  vc: Vcsim | string,
  ...extra: string[]
): Promise<{ code: number; report: RecoveryDriftReport; stderr: string }> {
  const out = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const server = typeof vc === 'string' ? vc : vc.url;
  const thumbprint = typeof vc === 'string' ? [] : ['--vsphere-thumbprint', vc.thumbprint];
  const r = await driftline([
    'detect',
    '--backup',
    join(dir, backup),
    '-o',
    out,
    '--vsphere-server',
    server,
    '--vsphere-username',
    'user',
    '--vsphere-password-file',
    passwordFile,
    ...thumbprint,
    ...extra,
  ]);
  return {
    code: r.code,
    stderr: r.stderr,
    report:
      r.code === 2 && !r.stderr.startsWith('report')
        ? (undefined as never)
        : JSON.parse(readFileSync(out, 'utf8')),
  };
}

const machineStatuses = (report: RecoveryDriftReport, cluster: string): Record<string, string> => {
  const c = report.clusters.find((x) => x.name === cluster)!;
  return Object.fromEntries(
    [...c.controlPlane.machines, ...c.workers.pools.flatMap((p) => p.machines)].map((m) => [
      m.name,
      m.status,
    ]),
  );
};

describe('detect', () => {
  it('reports every machine Healthy when reality matches the backup, and exits 0', async () => {
    const vc = await vcenter([...wc1.vms, ...wc2.vms, ...wc3.vms]);
    const { code, report } = await runDetect('all-data.tar.gz', vc);
    expect(report.summary.status).toBe('Healthy');
    expect(code).toBe(0);
    expect(Object.values(machineStatuses(report, 'wc2'))).toEqual(Array(5).fill('Healthy'));
    expect(report.clusters.find((c) => c.name === 'wc1')!.counts).toMatchObject({
      desired: 6,
      machines: 6,
      vms: 6,
      nodes: 6,
    });
  });

  it('reads both Cluster API versions and gives the human table by default', async () => {
    const vc = await vcenter(wc2.vms);
    const r = await driftline([
      'detect',
      '--backup',
      join(dir, 'v2-data.tar.gz'),
      '--vsphere-server',
      vc.url,
      '--vsphere-username',
      'user',
      '--vsphere-password-file',
      passwordFile,
      '--vsphere-thumbprint',
      vc.thumbprint,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fleet\/wc2\s+Healthy\s+5\/5/);
    expect(r.stdout).toContain('ControlPlane - KubeadmControlPlane/wc2-control-plane');
  });

  it('with --skip-access-apiserver decides from the VMs alone and says so', async () => {
    const vc = await vcenter(wc2.vms);
    const { code, report } = await runDetect('v2-data.tar.gz', vc, '--skip-access-apiserver');
    expect(report.options.skipAccessApiserver).toBe(true);
    expect(code).toBe(0);
  });

  it('reports a wrong vCenter password as Unknown, naming the cause and never the password', async () => {
    const vc = await vcenter(wc2.vms, 'another-password');
    const { code, report } = await runDetect('v2-data.tar.gz', vc);
    expect(code).toBe(1);
    expect(report.summary.status).toBe('Unknown');
    const text = JSON.stringify(report);
    expect(text).toMatch(/invalid user name or password/);
    expect(text).not.toContain('right-password');
    expect(text).not.toContain('another-password');
  });

  it('reports an unreachable vCenter as Unknown, and an untrusted certificate unless skipped', async () => {
    const down = await runDetect('v2-data.tar.gz', 'https://127.0.0.1:9/sdk');
    expect(down.report.summary.status).toBe('Unknown');
    const vc = await vcenter(wc2.vms);
    const untrusted = await runDetect(
      'v2-data.tar.gz',
      vc.url.replace('https://', 'https://'),
      '--vsphere-thumbprint',
      '00:11:22',
    );
    expect(JSON.stringify(untrusted.report)).toMatch(/thumbprint/i);
    const skipped = await runDetect('v2-data.tar.gz', vc.url, '--insecure-skip-verify');
    expect(skipped.report.options.insecureSkipVerify).toBe(true);
  });

  describe('after the fleet drifted', () => {
    let report: RecoveryDriftReport;
    let code: number;
    let staleWorker: TopologyVm;
    let ghostWorker: TopologyVm;
    let neverJoined: TopologyVm;
    let staleCp: TopologyVm;
    let ghostCp: TopologyVm;

    beforeAll(async () => {
      // wc1: scaled down after the backup — one worker's VM and Node are gone.
      staleWorker = wc1.vms.find((v) => v.role === 'worker')!;
      await env
        .cluster('wc1')
        .client.delete(
          { group: '', version: 'v1', resource: 'nodes', namespaced: false },
          '',
          staleWorker.name,
        );
      // wc2: scaled up (ghost VM + Node), a VM that never joined, and a replaced control-plane node.
      const mk = (name: string, role: 'worker' | 'control-plane', uuid: string): TopologyVm => ({
        name,
        uuid,
        providerID: `vsphere://${uuid}`,
        role,
      });
      ghostWorker = mk('wc2-md-0-zz9k2-ghost1', 'worker', '4211aaaa-0000-4000-8000-000000000001');
      neverJoined = mk('wc2-md-0-zz9k2-ghost2', 'worker', '4211aaaa-0000-4000-8000-000000000002');
      ghostCp = mk('wc2-control-plane-new01', 'control-plane', '4211aaaa-0000-4000-8000-000000000003');
      staleCp = wc2.vms.find((v) => v.role === 'control-plane')!;
      await env
        .cluster('wc2')
        .client.delete({ group: '', version: 'v1', resource: 'nodes', namespaced: false }, '', staleCp.name);
      await env.create('wc2', topologyNodes([ghostWorker, ghostCp]).map(readyNode));
      // wc3: its API server is down; its VMs still run. wc4: deleted entirely.
      await env.cluster('wc3').server.stop();
      const vms = [
        ...wc1.vms.filter((v) => v !== staleWorker),
        ...wc2.vms.filter((v) => v !== staleCp),
        ghostWorker,
        neverJoined,
        ghostCp,
        ...wc3.vms,
      ];
      ({ report, code } = await runDetect('fleet-data.tar.gz', await vcenter(vms)));
    });

    it('exits 1 with the fleet Drifted', () => {
      expect(code).toBe(1);
      expect(report.summary.status).toBe('Drifted');
    });

    it('marks a worker removed after the backup Stale, with no action needed when a MachineHealthCheck covers it', () => {
      expect(machineStatuses(report, 'wc1')[staleWorker.name]).toBe('Stale');
      const machine = report.clusters
        .find((c) => c.name === 'wc1')!
        .workers.pools[0]!.machines.find((m) => m.name === staleWorker.name)!;
      expect(JSON.stringify(machine.remediation)).toMatch(/MachineHealthCheck/);
    });

    it('finds ghost workers (joined or not) and a replaced control-plane node', () => {
      const wc2r = report.clusters.find((c) => c.name === 'wc2')!;
      expect(machineStatuses(report, 'wc2')[staleCp.name]).toBe('Stale');
      const ghostNames = wc2r.ghosts.map((g) => `${g.kind}/${g.name}/${g.role}`);
      expect(ghostNames).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`/${ghostWorker.name}/worker`)),
          expect.stringMatching(new RegExp(`VM/${neverJoined.name}/worker`)),
          expect.stringMatching(new RegExp(`/${ghostCp.name}/control-plane`)),
        ]),
      );
      const cpGhost = wc2r.ghosts.find((g) => g.name === ghostCp.name)!;
      expect(JSON.stringify(cpGhost.remediation)).toMatch(/etcd/);
      expect(wc2r.controlPlane.status).toBe('Drifted');
    });

    it('never calls machines Healthy when their API server is unreachable', () => {
      const wc3r = report.clusters.find((c) => c.name === 'wc3')!;
      expect(new Set(Object.values(machineStatuses(report, 'wc3')))).toEqual(new Set(['Unknown']));
      expect(wc3r.status).toBe('Unknown');
    });

    it('marks a deleted cluster (API server and VMs gone) Stale', () => {
      const wc4r = report.clusters.find((c) => c.name === 'wc4')!;
      expect(wc4r.status).toBe('Drifted');
      expect(wc4r.message).toMatch(/stale|gone|deleted/i);
    });
  });

  it('fails a corrupt backup with exit 2 and a clear error', async () => {
    const bad = join(dir, 'corrupt-data.tar.gz');
    writeFileSync(bad, readFileSync(join(dir, 'v2-data.tar.gz')).subarray(0, 300));
    const r = await driftline(['detect', '--backup', bad, '--skip-access-apiserver']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*(truncated|corrupt)/);
  });
});
