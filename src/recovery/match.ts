/** Links VMs and Nodes to the backup's Machines: BIOS UUID / providerID first, names second (pure). */
import type { TopologyCluster, TopologyMachine } from '../model/capi-topology.js';
import { biosUuidFromProviderID, clusterId, normalizeUuid } from '../model/capi-topology.js';
import type { Evidence, NodeRecord, VmRecord } from './evidence.js';
import { nodeEvidenceFailed, nodeEvidenceFor } from './evidence.js';
import { findGhosts, type GhostMatch } from './match-ghosts.js';

export type { GhostMatch, GhostRole } from './match-ghosts.js';

/** Whether a source (vSphere, the cluster's Nodes) was read for a cluster. */
export type SourceState =
  | { state: 'checked' }
  /** Tried and failed: what it would have said is Unknown. */
  | { state: 'failed'; reason: string }
  /** Not read on purpose, or not applicable to this cluster. */
  | { state: 'skipped'; reason: string };

/** What was found for one Machine. */
export interface MachineMatch {
  machine: TopologyMachine;
  vm: VmRecord | null;
  vmBy: 'uuid' | 'name' | null;
  node: NodeRecord | null;
  nodeBy: 'providerID' | 'name' | null;
  /** Name matches whose UUIDs disagree with the backup: the sources contradict it. */
  conflicts: string[];
}

/** Everything matched for one cluster. */
export interface ClusterMatch {
  cluster: TopologyCluster;
  vsphere: SourceState;
  nodes: SourceState;
  /** One per `cluster.machines`, same order. */
  machines: MachineMatch[];
  ghosts: GhostMatch[];
}

/** Host of a vCenter address, for comparing `https://vc.example.com/sdk` with `vc.example.com`. */
export function vcenterHost(server: string): string {
  const withoutScheme = server.trim().replace(/^[a-z]+:\/\//i, '');
  const hostPort = withoutScheme.split('/')[0] ?? '';
  const host = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : hostPort.split(':')[0];
  return (host ?? '').toLowerCase();
}

function vsphereState(cluster: TopologyCluster, evidence: Evidence, server: string | null): SourceState {
  const v = evidence.vsphere;
  if (v.state === 'unavailable') return { state: 'failed', reason: `vSphere unavailable: ${v.reason}` };
  if (v.state === 'skipped') return { state: 'skipped', reason: `vSphere skipped: ${v.reason}` };
  const own = cluster.infrastructure?.server ?? null;
  const read = v.server ?? server;
  if (own && read && vcenterHost(own) !== vcenterHost(read)) {
    return {
      state: 'skipped',
      reason: `its VSphereCluster names vCenter ${own}, but VMs were read from ${read}`,
    };
  }
  return { state: 'checked' };
}

function nodeState(cluster: TopologyCluster, evidence: Evidence): SourceState {
  const e = nodeEvidenceFor(evidence, clusterId(cluster));
  if (e.state === 'checked') return { state: 'checked' };
  const what =
    e.state === 'unreachable'
      ? 'API server unreachable'
      : e.state === 'error'
        ? 'Nodes unreadable'
        : 'Nodes skipped';
  return { state: nodeEvidenceFailed(e) ? 'failed' : 'skipped', reason: `${what}: ${e.reason}` };
}

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function linkVm(m: MachineMatch, vm: VmRecord, by: 'uuid' | 'name'): void {
  m.vm = vm;
  m.vmBy = by;
}

function linkNode(m: MachineMatch, node: NodeRecord, by: 'providerID' | 'name'): void {
  m.node = node;
  m.nodeBy = by;
}

function conflict(kind: string, name: string, seen: string | null, recorded: string | null): string | null {
  if (!seen || !recorded || seen === recorded) return null;
  return `${kind} ${name} has BIOS UUID ${seen}, the backup records ${recorded}`;
}

/** Pass 1 links by BIOS UUID; pass 2 links what is left by name. Returns the VMs nobody claimed. */
function matchVms(matches: MachineMatch[], vms: readonly VmRecord[]): VmRecord[] {
  const byUuid = new Map<string, MachineMatch[]>();
  const byName = new Map<string, MachineMatch[]>();
  for (const m of matches) {
    const { machine } = m;
    push(byUuid, machine.biosUuid, m);
    if (machine.vsphereVM?.biosUuid && machine.vsphereVM.biosUuid !== machine.biosUuid) {
      push(byUuid, machine.vsphereVM.biosUuid, m);
    }
    for (const name of new Set([machine.name, machine.vsphereVM?.name, machine.vsphereMachine])) {
      if (name) push(byName, name, m);
    }
  }
  const rest: VmRecord[] = [];
  for (const vm of vms) {
    const owners = byUuid.get(normalizeUuid(vm.biosUuid) ?? '') ?? [];
    for (const m of owners) linkVm(m, vm, 'uuid');
    if (owners.length === 0) rest.push(vm);
  }
  return rest.filter((vm) => {
    const owners = (byName.get(vm.name) ?? []).filter((m) => m.vm === null);
    for (const m of owners) {
      linkVm(m, vm, 'name');
      const c = conflict('VM', vm.name, normalizeUuid(vm.biosUuid), m.machine.biosUuid);
      if (c) m.conflicts.push(c);
    }
    return owners.length === 0;
  });
}

/** The same two passes for one cluster's Nodes; returns the Nodes no Machine accounts for. */
function matchNodes(matches: MachineMatch[], nodes: readonly NodeRecord[]): NodeRecord[] {
  const byUuid = new Map<string, MachineMatch[]>();
  const byName = new Map<string, MachineMatch[]>();
  for (const m of matches) {
    push(byUuid, m.machine.biosUuid, m);
    for (const name of new Set([m.machine.nodeName, m.machine.name])) if (name) push(byName, name, m);
  }
  const rest: NodeRecord[] = [];
  for (const node of nodes) {
    const owners = byUuid.get(biosUuidFromProviderID(node.providerID) ?? '') ?? [];
    for (const m of owners) linkNode(m, node, 'providerID');
    if (owners.length === 0) rest.push(node);
  }
  return rest.filter((node) => {
    const owners = (byName.get(node.name) ?? []).filter((m) => m.node === null);
    for (const m of owners) {
      linkNode(m, node, 'name');
      const c = conflict('Node', node.name, biosUuidFromProviderID(node.providerID), m.machine.biosUuid);
      if (c) m.conflicts.push(c);
    }
    return owners.length === 0;
  });
}

/** Options of matching. */
export interface MatchOptions {
  /** The vCenter the inventory was read from, when the evidence does not say. */
  vsphereServer?: string | null;
}

/**
 * Matches the evidence against every cluster of the topology. The rule (docs/report.md): a VM
 * or Node is a Machine's when its BIOS UUID / providerID equals the Machine's, else when its
 * name equals the Machine's (or its VSphereVM's / Node's) name; what no Machine claims is a
 * ghost of the cluster whose Nodes list it, or whose object-name prefix it carries.
 */
export function matchEvidence(
  clusters: readonly TopologyCluster[],
  evidence: Evidence,
  options: MatchOptions = {},
): ClusterMatch[] {
  const results: ClusterMatch[] = clusters.map((cluster) => ({
    cluster,
    vsphere: vsphereState(cluster, evidence, options.vsphereServer ?? null),
    nodes: nodeState(cluster, evidence),
    machines: cluster.machines.map((machine) => ({
      machine,
      vm: null,
      vmBy: null,
      node: null,
      nodeBy: null,
      conflicts: [],
    })),
    ghosts: [],
  }));
  const vsphereChecked = results.filter((r) => r.vsphere.state === 'checked');
  const vms = evidence.vsphere.state === 'checked' ? evidence.vsphere.vms : [];
  const leftoverVms = matchVms(
    vsphereChecked.flatMap((r) => r.machines),
    vsphereChecked.length > 0 ? vms : [],
  );
  const ghostNodes = results.map((r) => {
    const e = nodeEvidenceFor(evidence, clusterId(r.cluster));
    return e.state === 'checked' ? matchNodes(r.machines, e.nodes) : [];
  });
  findGhosts(results, ghostNodes, leftoverVms);
  return results;
}
