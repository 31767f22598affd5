// remediate carries out a detect report against a restored management cluster, a real workload
// API server and the vSphere simulator — and afterwards reality matches the backup again.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectVSphere, listVirtualMachines } from '../../src/adapters/vsphere/index.js';
import { capiTopology, type TopologyVm, topologyNodes } from '../../src/lab/builders/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import { freePort } from '../../src/lab/ports.js';
import { startVcsim, type Vcsim } from '../../src/lab/vcsim.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { RecoveryDriftReport } from '../../src/recovery/index.js';
import { driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';
import { writeBackupFile } from '../support/backup-file.js';

const dir = mkdtempSync(join(tmpdir(), 'driftline-remediate-'));
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };
let env: TestEnv;
let vc: Vcsim;
let topo: ReturnType<typeof capiTopology>;
const ghost: TopologyVm = {
  name: 'wc1-md-0-x1y2z-ghost',
  uuid: '4222bbbb-0000-4000-8000-00000000000a',
  providerID: 'vsphere://4222bbbb-0000-4000-8000-00000000000a',
  role: 'worker',
};
const neverJoined: TopologyVm = {
  name: 'wc1-md-0-x1y2z-orphan',
  uuid: '4222bbbb-0000-4000-8000-00000000000b',
  providerID: 'vsphere://4222bbbb-0000-4000-8000-00000000000b',
  role: 'worker',
};
let kubeconfig: string;

const ready = (n: KubeObject): KubeObject => ({
  ...n,
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});
const detectArgs = (out: string): string[] => [
  'detect',
  '--backup',
  join(dir, 'b-data.tar.gz'),
  '-o',
  out,
  '--vsphere-server',
  vc.url,
  '--vsphere-username',
  'user',
  '--vsphere-password-file',
  join(dir, 'pw'),
  '--vsphere-thumbprint',
  vc.thumbprint,
];

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt', 'wc1'] });
  const port = await freePort();
  topo = capiTopology({
    namespace: 'fleet',
    name: 'wc1',
    controlPlane: 1,
    workers: [{ pool: 'md-0', replicas: 2 }],
    server: `127.0.0.1:${port}`,
    kubeconfig: env.cluster('wc1').server.kubeconfig,
  });
  await writeBackupFile(join(dir, 'b-data.tar.gz'), topo.objects);
  // The restored management cluster holds the backup's objects (as `driftline restore` leaves them).
  await env.installCrds('mgmt', loadProjectCrds());
  await env.create('mgmt', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fleet' } }]);
  await env.create(
    'mgmt',
    topo.objects.map((o) => ({ ...o, status: undefined }) as KubeObject),
  );
  // Reality: every backed-up machine, plus a ghost worker with a pod on it and a VM that never joined.
  await env.create('wc1', topologyNodes([...topo.vms, ghost]).map(ready));
  await env.create('wc1', [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app-on-ghost', namespace: 'default' },
      spec: { nodeName: ghost.name, containers: [{ name: 'app', image: 'app:1' }] },
    },
  ]);
  vc = await startVcsim({
    vms: [...topo.vms, ghost, neverJoined].map((v) => ({ name: v.name, uuid: v.uuid })),
    password: 'pw',
    port,
  });
  writeFileSync(join(dir, 'pw'), 'pw');
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
  const first = await driftline(detectArgs(join(dir, 'report.json')));
  expect(first.code).toBe(1);
});
afterAll(async () => {
  await vc?.stop();
  await env?.stop();
});

async function vmNames(): Promise<string[]> {
  const s = await connectVSphere({
    server: vc.url,
    username: 'user',
    password: 'pw',
    tls: { thumbprint: vc.thumbprint },
  });
  try {
    return (await listVirtualMachines(s)).map((v) => v.name).sort();
  } finally {
    await s.logout();
    s.close();
  }
}

describe('remediate', () => {
  it('with --dry-run lists the steps and changes nothing', async () => {
    const r = await driftline([
      '--kubeconfig',
      kubeconfig,
      'remediate',
      '--report',
      join(dir, 'report.json'),
      '--dry-run',
      '-o',
      'json',
      ...vsFlags(),
    ]);
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout) as { type: string; result: string }[];
    expect(steps.map((s) => s.type)).toEqual(
      expect.arrayContaining(['scale-pool', 'drain', 'delete-node', 'power-off-vm', 'destroy-vm']),
    );
    expect(new Set(steps.map((s) => s.result))).toEqual(new Set(['dry-run']));
    expect(await vmNames()).toContain(ghost.name);
    expect(await env.cluster('wc1').client.get(NODES, '', ghost.name)).toBeDefined();
  });

  it('refuses to act without a terminal unless --yes', async () => {
    const r = await driftline([
      '--kubeconfig',
      kubeconfig,
      'remediate',
      '--report',
      join(dir, 'report.json'),
      ...vsFlags(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --yes or --dry-run');
  });

  describe('refuses before any action', () => {
    const tamper = (name: string, edit: (r: Json) => void): string => {
      const r = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      edit(r);
      writeFileSync(join(dir, name), JSON.stringify(r));
      return join(dir, name);
    };
    const ghostSteps = (r: Json): Json[] =>
      r.clusters[0].ghosts.find((g: Json) => g.name === ghost.name).remediation;
    const cases: [string, () => string, RegExp][] = [
      [
        'a report with a wrong type in a field it acts on (a BIOS UUID as a number)',
        () =>
          tamper('wrong-type.json', (r) => {
            for (const step of ghostSteps(r))
              if (step.action.type === 'destroy-vm') step.action.target.uuid = 42;
          }),
        /wrong-type\.json: clusters\[0\]\.ghosts\[\d+\]\.remediation\[\d+\]\.action\.target\.uuid: expected string, received number \[report\.invalid\]/,
      ],
      [
        "a report missing a field it acts on (the targets of the ghost's steps have no name)",
        () =>
          tamper('missing.json', (r) => {
            for (const step of ghostSteps(r)) delete step.action.target.name;
          }),
        /missing\.json: clusters\[0\]\.ghosts\[\d+\]\.remediation\[0\]\.action\.target\.name: missing \(expected string\) \[report\.invalid\]/,
      ],
      [
        'a report of an unknown apiVersion',
        () =>
          tamper('v2.json', (r) => {
            r.apiVersion = 'driftline.dev/v2';
          }),
        /v2\.json: apiVersion "driftline\.dev\/v2" is not supported: this driftline reads driftline\.dev\/v1alpha1 reports.*\[report\.unsupported\]/,
      ],
      [
        'a truncated report',
        () => {
          const text = readFileSync(join(dir, 'report.json'), 'utf8');
          writeFileSync(join(dir, 'truncated.json'), text.slice(0, text.length / 2));
          return join(dir, 'truncated.json');
        },
        /truncated\.json is not valid JSON: .*\[input\.invalid-json\]/,
      ],
    ];
    it.each(cases)('%s', async (_name, write, message) => {
      const file = write();
      const r = await remediate(file, '--yes');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/TypeError|Cannot read prop/);
      await expectUntouched();
    });

    it('a --workload-kubeconfig that does not say which cluster', async () => {
      const r = await remediate(join(dir, 'report.json'), '--yes', '--workload-kubeconfig', 'wc1.yaml');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'error: --workload-kubeconfig wc1.yaml: expected namespace/name=FILE [usage]',
      );
      await expectUntouched();
    });

    it('a report about another vCenter than --vsphere-server names', async () => {
      const other = 'https://127.0.0.1:1/sdk';
      const r = await remediate(
        join(dir, 'report.json'),
        '--yes',
        '--vsphere-server',
        other,
        '--vsphere-username',
        'user',
        '--vsphere-password-file',
        join(dir, 'pw'),
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `error: ${join(dir, 'report.json')}: options.vsphereServer: the report's vCenter is ${vc.url}, but --vsphere-server names ${other} [remediate.mismatch]`,
      );
      expect(r.stderr).toContain('pass --allow-mismatch');
      await expectUntouched();
    });

    it('a report about another backup than the restored clusters came from (--allow-mismatch overrides)', async () => {
      const mgmt = env.cluster('mgmt').client;
      const clusters = await mgmt.resolve({ group: 'cluster.x-k8s.io', kind: 'Cluster' });
      const label = (value: string | null): Promise<unknown> =>
        mgmt.patch(
          clusters,
          'fleet',
          'wc1',
          { metadata: { labels: { 'velero.io/backup-name': value } } },
          'merge',
        );
      await label('another-backup');
      try {
        const r = await remediate(join(dir, 'report.json'), '--yes', ...vsFlags());
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /report\.json: backup\.name: the report is about backup \S+, but Cluster fleet\/wc1 in the management cluster of context "\S+" \(https:\/\/127\.0\.0\.1:\d+\) was restored from backup another-backup \(label velero\.io\/backup-name\) \[remediate\.mismatch\]/,
        );
        await expectUntouched();
        const allowed = await remediate(
          join(dir, 'report.json'),
          '--allow-mismatch',
          '--dry-run',
          ...vsFlags(),
        );
        expect(allowed.code).toBe(0);
        expect(allowed.stderr).toMatch(
          /warning: .*restored from backup another-backup.*\(--allow-mismatch\)/,
        );
      } finally {
        await label(null);
      }
    });
  });

  it('removes the ghosts, touches nothing healthy, and leaves reality matching the backup', async () => {
    const healthyBefore = topo.vms.map((v) => v.name).sort();
    const log = join(dir, 'log.json');
    const r = await driftline([
      '--kubeconfig',
      kubeconfig,
      'remediate',
      '--report',
      join(dir, 'report.json'),
      '--yes',
      '--grace-period',
      '0',
      '--log',
      log,
      ...vsFlags(),
    ]);
    expect(r.stderr).toContain(`log written to ${log}`);
    const results = JSON.parse(readFileSync(log, 'utf8')).results as {
      type: string;
      result: string;
      detail: string;
    }[];
    expect(results.filter((x) => x.result === 'failed')).toEqual([]);
    expect(await vmNames()).toEqual(healthyBefore);
    const nodes = (await env.cluster('wc1').client.list(NODES)).items.map((n) => n.metadata.name).sort();
    expect(nodes).toEqual(healthyBefore);
    expect((await env.cluster('wc1').client.list(PODS, { namespace: 'default' })).items).toEqual([]);
    const md = await env
      .cluster('mgmt')
      .client.get(
        await env.cluster('mgmt').client.resolve({ group: 'cluster.x-k8s.io', kind: 'MachineDeployment' }),
        'fleet',
        'wc1-md-0',
      );
    expect(md?.spec).toMatchObject({ replicas: 3 });

    const again = await driftline(detectArgs(join(dir, 'after.json')));
    const after = JSON.parse(readFileSync(join(dir, 'after.json'), 'utf8')) as RecoveryDriftReport;
    expect(after.summary.status).toBe('Healthy');
    expect(again.code).toBe(0);
  });

  it('re-checks targets: running the same report again skips what is already gone', async () => {
    const log = join(dir, 'log2.json');
    await driftline([
      '--kubeconfig',
      kubeconfig,
      'remediate',
      '--report',
      join(dir, 'report.json'),
      '--yes',
      '--log',
      log,
      ...vsFlags(),
    ]);
    const results = JSON.parse(readFileSync(log, 'utf8')).results as { type: string; result: string }[];
    const vmAndNodeSteps = results.filter((x) =>
      ['drain', 'delete-node', 'power-off-vm', 'destroy-vm'].includes(x.type),
    );
    expect(new Set(vmAndNodeSteps.map((x) => x.result))).toEqual(new Set(['skipped']));
  });
});

// Tampered reports are untyped JSON on purpose.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

function remediate(report: string, ...args: string[]): ReturnType<typeof driftline> {
  return driftline([
    '--kubeconfig',
    kubeconfig,
    'remediate',
    '--report',
    report,
    '--log',
    join(dir, 'refused-log.json'),
    ...args,
  ]);
}

// Nothing of the ghosts was touched: VMs, Node, its pod, and the pool's replica count.
async function expectUntouched(): Promise<void> {
  expect(await vmNames()).toEqual(expect.arrayContaining([ghost.name, neverJoined.name]));
  const wc1 = env.cluster('wc1').client;
  const node = await wc1.get(NODES, '', ghost.name);
  expect((node?.spec as { unschedulable?: boolean } | undefined)?.unschedulable).toBeUndefined();
  expect(await wc1.get(PODS, 'default', 'app-on-ghost')).toBeDefined();
  const mgmt = env.cluster('mgmt').client;
  const md = await mgmt.get(
    await mgmt.resolve({ group: 'cluster.x-k8s.io', kind: 'MachineDeployment' }),
    'fleet',
    'wc1-md-0',
  );
  expect(md?.spec).toMatchObject({ replicas: 2 });
  expect(existsSync(join(dir, 'refused-log.json'))).toBe(false);
}

function vsFlags(): string[] {
  return [
    '--vsphere-server',
    vc.url,
    '--vsphere-username',
    'user',
    '--vsphere-password-file',
    join(dir, 'pw'),
    '--vsphere-thumbprint',
    vc.thumbprint,
  ];
}
