/** classifyMachine's decision table, and classification speed at fleet scale (50 clusters × 20 machines). */
import { describe, expect, it } from 'vitest';
import {
  BACKUP,
  fixtureCluster,
  NOW,
  nodeRecord,
  SERVER,
  vmRecord,
} from '../../test/support/recovery/fixtures.js';
import { buildTopology, type TopologyMachine } from '../model/capi-topology.js';
import { classifyMachine, quorumOf } from './classify.js';
import type { Evidence, NodeEvidence } from './evidence.js';
import type { MachineMatch, SourceState } from './match.js';
import { buildReport } from './report.js';

const machine: TopologyMachine = {
  namespace: 'prod',
  name: 'wc1-md-0-x',
  role: 'worker',
  pool: 'wc1-md-0',
  machineSet: 'wc1-md-0-s',
  labels: {},
  phase: 'Running',
  deleting: false,
  providerID: 'vsphere://4200aaaa-0000-4000-8000-000000000001',
  biosUuid: '4200aaaa-0000-4000-8000-000000000001',
  nodeName: 'wc1-md-0-x',
  infrastructureRef: null,
  vsphereMachine: 'wc1-md-0-x',
  vsphereVM: { name: 'wc1-md-0-x', biosUuid: '4200aaaa-0000-4000-8000-000000000001' },
};
const vmOf = { name: 'wc1-md-0-x', uuid: '4200aaaa-0000-4000-8000-000000000001', role: 'worker' as const };
const checked: SourceState = { state: 'checked' };
const failedVs: SourceState = { state: 'failed', reason: 'vSphere unavailable: timeout' };
const skippedNodes: SourceState = { state: 'skipped', reason: 'Nodes skipped: --skip-access-apiserver' };
const failedNodes: SourceState = { state: 'failed', reason: 'API server unreachable: refused' };

function match(vm: boolean, node: boolean, extra: Partial<MachineMatch> = {}): MachineMatch {
  return {
    machine,
    vm: vm ? vmRecord(vmOf) : null,
    vmBy: vm ? 'uuid' : null,
    node: node ? nodeRecord(vmOf) : null,
    nodeBy: node ? 'providerID' : null,
    conflicts: [],
    ...extra,
  };
}

describe('classifyMachine', () => {
  it.each([
    {
      name: 'VM and Node found is Healthy',
      m: match(true, true),
      vs: checked,
      ns: checked,
      status: 'Healthy',
    },
    { name: 'neither found is Stale', m: match(false, false), vs: checked, ns: checked, status: 'Stale' },
    {
      name: 'a VM without its Node is Unknown',
      m: match(true, false),
      vs: checked,
      ns: checked,
      status: 'Unknown',
    },
    {
      name: 'a Node without its VM is Unknown',
      m: match(false, true),
      vs: checked,
      ns: checked,
      status: 'Unknown',
    },
    {
      name: 'a VM with Nodes skipped is Healthy',
      m: match(true, false),
      vs: checked,
      ns: skippedNodes,
      status: 'Healthy',
    },
    {
      name: 'a VM with the API server unreachable is Unknown',
      m: match(true, false),
      vs: checked,
      ns: failedNodes,
      status: 'Unknown',
    },
    {
      name: 'no VM with the API server unreachable is Stale',
      m: match(false, false),
      vs: checked,
      ns: failedNodes,
      status: 'Stale',
    },
    {
      name: 'a Node with vSphere unavailable is Unknown',
      m: match(false, true),
      vs: failedVs,
      ns: checked,
      status: 'Unknown',
    },
    {
      name: 'nothing checked is Unknown',
      m: match(false, false),
      vs: failedVs,
      ns: failedNodes,
      status: 'Unknown',
    },
    {
      name: 'a powered-off VM is Unknown',
      m: match(true, true, { vm: vmRecord(vmOf, { powerState: 'poweredOff' }) }),
      vs: checked,
      ns: checked,
      status: 'Unknown',
    },
    {
      name: 'a NotReady Node is still there, so Healthy',
      m: match(true, true, { node: nodeRecord(vmOf, { ready: false }) }),
      vs: checked,
      ns: checked,
      status: 'Healthy',
    },
    {
      name: 'a UUID conflict is Unknown',
      m: match(true, true, { conflicts: ['VM x has BIOS UUID y'] }),
      vs: checked,
      ns: checked,
      status: 'Unknown',
    },
  ] as const)('$name', ({ m, vs, ns, status }) => {
    const result = classifyMachine(m, vs, ns);
    expect(result.status).toBe(status);
    expect(result.message.length).toBeGreaterThan(0);
  });

  it('says a stale machine was being deleted when the backup caught it so', () => {
    const m = match(false, false, { machine: { ...machine, deleting: true } });
    expect(classifyMachine(m, checked, checked).message).toContain(
      'it was being deleted when the backup was taken',
    );
  });

  it.each([
    [3, 2, true],
    [3, 1, false],
    [5, 3, true],
    [1, 0, false],
  ])('with %i desired and %i healthy, quorum holds: %s', (desired, healthy, holds) => {
    const statuses = [...Array(healthy).fill('Healthy'), ...Array(desired - healthy).fill('Stale')];
    expect(quorumOf(desired, statuses)?.holds).toBe(holds);
  });
});

describe('classification at fleet scale', () => {
  it('classifies 50 clusters × 20 machines against 2,000 VMs well under a second', () => {
    const clusters = Array.from({ length: 50 }, (_, i) =>
      fixtureCluster({
        namespace: `ns-${i % 5}`,
        name: `wc-${i}`,
        workers: [
          { pool: 'md-0', replicas: 9 },
          { pool: 'md-1', replicas: 8 },
        ],
      }),
    );
    const vms = clusters.flatMap((c) => c.vms.map((vm) => vmRecord(vm)));
    for (let i = vms.length; i < 2000; i++)
      vms.push(
        vmRecord({
          name: `unrelated-${i}`,
          uuid: `4211${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`,
        }),
      );
    const nodes: Record<string, NodeEvidence> = {};
    for (const c of clusters) nodes[c.id] = { state: 'checked', nodes: c.vms.map((vm) => nodeRecord(vm)) };
    const evidence: Evidence = { vsphere: { state: 'checked', server: SERVER, vms }, nodes };
    const topology = buildTopology(clusters.flatMap((c) => c.objects));
    expect(topology.clusters.flatMap((c) => c.machines)).toHaveLength(1000);
    expect(vms).toHaveLength(2000);

    buildReport(topology, evidence, { backup: BACKUP }, NOW); // warm-up (JIT)
    const started = performance.now();
    const report = buildReport(topology, evidence, { backup: BACKUP }, NOW);
    const elapsed = performance.now() - started;
    console.log(`classification: 50 clusters × 20 machines vs 2,000 VMs in ${elapsed.toFixed(1)} ms`);

    expect(report.summary).toMatchObject({
      status: 'Healthy',
      counts: { machines: 1000, vms: 1000, nodes: 1000, ghosts: 0 },
    });
    expect(elapsed).toBeLessThan(1000);
  });
});
