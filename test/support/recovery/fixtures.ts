/** Test fixtures for recovery drift: backups from the builders and evidence that matches or drifts from them. */
import type { TopologyOptions, TopologyVm } from '../../../src/lab/builders/index.js';
import { capiTopology } from '../../../src/lab/builders/index.js';
import { buildTopology } from '../../../src/model/capi-topology.js';
import type { KubeObject } from '../../../src/model/resource-key.js';
import type { Evidence, NodeEvidence, NodeRecord, VmRecord } from '../../../src/recovery/evidence.js';
import { buildReport } from '../../../src/recovery/report.js';
import type { BackupInfo, RecoveryDriftReport } from '../../../src/recovery/report-schema.js';

/** The backup every test report names. */
export const BACKUP: BackupInfo = {
  name: 'nightly-20260101000000',
  created: '2026-01-01T00:00:00Z',
  formatVersion: '1.1.0',
};

/** The clock of every test report. */
export const NOW = new Date('2026-01-02T03:04:05Z');

/** The vCenter of every fixture cluster. */
export const SERVER = 'vcenter.example.com';

/** One cluster of a fixture fleet: its backup objects and the VMs/Nodes that exist for them today. */
export interface FixtureCluster {
  id: string;
  objects: KubeObject[];
  vms: TopologyVm[];
}

/** A 3 control-plane + md-0 (2) + md-1 (1) cluster, or whatever the options say. */
export function fixtureCluster(options: Partial<TopologyOptions> = {}): FixtureCluster {
  const built = capiTopology({
    namespace: 'prod',
    name: 'wc1',
    controlPlane: 3,
    workers: [
      { pool: 'md-0', replicas: 2 },
      { pool: 'md-1', replicas: 1 },
    ],
    server: SERVER,
    ...options,
  });
  return { id: `${options.namespace ?? 'prod'}/${options.name ?? 'wc1'}`, ...built };
}

let moref = 0;

/** The vCenter record of a VM (powered on, in vcsim's default folder and pool). */
export function vmRecord(vm: Pick<TopologyVm, 'name' | 'uuid'>, overrides: Partial<VmRecord> = {}): VmRecord {
  moref++;
  return {
    moref: `vm-${moref}`,
    name: vm.name,
    biosUuid: vm.uuid,
    instanceUuid: null,
    powerState: 'poweredOn',
    folderPath: '/DC0/vm',
    resourcePoolPath: '/DC0/host/DC0_C0/Resources',
    ...overrides,
  };
}

/** The workload-cluster record of a Node (Ready). */
export function nodeRecord(
  vm: Pick<TopologyVm, 'name' | 'uuid' | 'role'>,
  overrides: Partial<NodeRecord> = {},
): NodeRecord {
  return {
    name: vm.name,
    providerID: `vsphere://${vm.uuid}`,
    controlPlane: vm.role === 'control-plane',
    ready: true,
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** Evidence in which every VM and Node of the given clusters exists. */
export function matchingEvidence(clusters: readonly FixtureCluster[]): Evidence {
  const nodes: Record<string, NodeEvidence> = {};
  for (const c of clusters) nodes[c.id] = { state: 'checked', nodes: c.vms.map((vm) => nodeRecord(vm)) };
  return {
    vsphere: {
      state: 'checked',
      server: SERVER,
      vms: clusters.flatMap((c) => c.vms.map((vm) => vmRecord(vm))),
    },
    nodes,
  };
}

/** A VM/Node that exists today but not in the backup. */
export function extraVm(name: string, uuid: string, role: TopologyVm['role'] = 'worker'): TopologyVm {
  return { name, uuid, providerID: `vsphere://${uuid}`, role };
}

/**
 * A two-cluster report for renderer tests: `prod/wc1` with a stale md-0 worker (its VM and Node
 * gone) and a ghost VM named `ghostName`, and a healthy `prod/ok`.
 */
export function driftedFleetReport(ghostName = 'wc1-md-1-ghost-00001'): RecoveryDriftReport {
  const drifted = fixtureCluster();
  const healthy = fixtureCluster({ name: 'ok' });
  const gone = drifted.vms.find((vm) => vm.pool === 'md-0');
  const evidence = matchingEvidence([drifted, healthy]);
  if (!gone || evidence.vsphere.state !== 'checked') throw new Error('fixture: no md-0 worker');
  const vms = evidence.vsphere.vms.filter((vm) => vm.name !== gone.name);
  vms.push(vmRecord({ name: ghostName, uuid: '4200cccc-0000-4000-8000-00000000000a' }));
  const nodes = evidence.nodes[drifted.id];
  const driftedNodes: NodeEvidence =
    nodes?.state === 'checked'
      ? { state: 'checked', nodes: nodes.nodes.filter((n) => n.name !== gone.name) }
      : nodes!;
  const topology = buildTopology([...drifted.objects, ...healthy.objects]);
  return buildReport(
    topology,
    { vsphere: { ...evidence.vsphere, vms }, nodes: { ...evidence.nodes, [drifted.id]: driftedNodes } },
    { backup: BACKUP, vsphereServer: SERVER, insecureSkipVerify: true },
    NOW,
  );
}
