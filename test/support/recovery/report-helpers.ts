/** Evidence edits and report lookups shared by the report tests. */
import { expect } from 'vitest';
import { buildTopology } from '../../../src/model/capi-topology.js';
import type { KubeObject } from '../../../src/model/resource-key.js';
import type { Evidence, NodeRecord, VmRecord } from '../../../src/recovery/evidence.js';
import { buildReport, type ReportOptions } from '../../../src/recovery/report.js';
import type { ClusterReport, MachineReport } from '../../../src/recovery/report-schema.js';
import { BACKUP, type FixtureCluster, NOW } from './fixtures.js';

/** buildReport over objects with the fixture backup and clock. */
export function report(
  objects: KubeObject[],
  evidence: Evidence,
  options: Partial<ReportOptions> = {},
): ReturnType<typeof buildReport> {
  return buildReport(buildTopology(objects), evidence, { backup: BACKUP, ...options }, NOW);
}

/** Every Machine of a cluster report, control plane first. */
export function machines(c: ClusterReport): MachineReport[] {
  return [...c.controlPlane.machines, ...c.workers.pools.flatMap((p) => p.machines)];
}

/** How many machines of a cluster report have each status. */
export function statuses(c: ClusterReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of machines(c)) out[m.status] = (out[m.status] ?? 0) + 1;
  return out;
}

/** Evidence without the named VMs. */
export function dropVms(e: Evidence, names: readonly string[]): Evidence {
  if (e.vsphere.state !== 'checked') return e;
  return { ...e, vsphere: { ...e.vsphere, vms: e.vsphere.vms.filter((vm) => !names.includes(vm.name)) } };
}

/** Evidence without the named Nodes of one cluster. */
export function dropNodes(e: Evidence, id: string, names: readonly string[]): Evidence {
  const n = e.nodes[id];
  if (n?.state !== 'checked') return e;
  return {
    ...e,
    nodes: { ...e.nodes, [id]: { state: 'checked', nodes: n.nodes.filter((x) => !names.includes(x.name)) } },
  };
}

/** Evidence with more VMs. */
export function addVms(e: Evidence, vms: VmRecord[]): Evidence {
  if (e.vsphere.state !== 'checked') return e;
  return { ...e, vsphere: { ...e.vsphere, vms: [...e.vsphere.vms, ...vms] } };
}

/** Evidence with more Nodes in one cluster. */
export function addNodes(e: Evidence, id: string, nodes: NodeRecord[]): Evidence {
  const n = e.nodes[id];
  if (n?.state !== 'checked') return e;
  return { ...e, nodes: { ...e.nodes, [id]: { state: 'checked', nodes: [...n.nodes, ...nodes] } } };
}

/** The index-th worker VM of a pool of a fixture cluster. */
export function worker(c: FixtureCluster, pool: string, index = 0): FixtureCluster['vms'][number] {
  const vm = c.vms.filter((v) => v.pool === pool)[index];
  if (!vm) throw new Error(`no worker ${index} in ${pool}`);
  return vm;
}

/** The single item of a list (fails the test otherwise). */
export function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
