/** Classifies each Machine against the sources that were checked, and detects clusters that are gone (pure). */
import type { TopologyMachine } from '../model/capi-topology.js';
import type { NodeRecord, VmRecord } from './evidence.js';
import type { ClusterMatch, GhostMatch, MachineMatch, SourceState } from './match.js';
import type { QuorumReport } from './report-schema.js';
import type { Assessment, MachineStatus } from './status.js';

function reasonOf(s: SourceState): string | null {
  return s.state === 'checked' ? null : s.reason;
}

/** `VM name (poweredOn)`. */
export function describeVm(vm: VmRecord): string {
  return `VM ${vm.name} (${vm.powerState})`;
}

/** `Node name (Ready)`. */
export function describeNode(node: NodeRecord): string {
  const ready = node.ready === null ? 'Ready unknown' : node.ready ? 'Ready' : 'NotReady';
  return `Node ${node.name} (${ready})`;
}

function wantedVm(m: TopologyMachine): string {
  const uuid = m.biosUuid ?? m.vsphereVM?.biosUuid;
  const name = m.vsphereVM?.name ?? m.name;
  return uuid ? `with BIOS UUID ${uuid} or name ${name}` : `named ${name}`;
}

function wantedNode(m: TopologyMachine): string {
  const name = m.nodeName ?? m.name;
  return m.providerID ? `with providerID ${m.providerID} or name ${name}` : `named ${name}`;
}

function assess(status: MachineStatus, message: string): Assessment<MachineStatus> {
  return { status, message };
}

function staleReason(m: MachineMatch, missing: string[], unchecked: string[]): string {
  const parts = [`absent from every checked source: ${missing.join(', and ')}`];
  if (unchecked.length > 0) parts.push(`not checked: ${unchecked.join('; ')}`);
  if (m.machine.deleting) parts.push('it was being deleted when the backup was taken');
  else if (!m.machine.providerID && !m.machine.nodeName)
    parts.push('it was still provisioning when the backup was taken');
  return parts.join('; ');
}

/**
 * One Machine: Healthy when every checked source has it, Stale when none does, Unknown when no
 * source could be checked or they disagree (VM without Node, VM powered off, UUID mismatch). A
 * source that failed (vSphere unavailable, API server unreachable) keeps a machine from Healthy.
 */
export function classifyMachine(
  m: MachineMatch,
  vsphere: SourceState,
  nodes: SourceState,
): Assessment<MachineStatus> {
  const sources = [vsphere, nodes];
  const unchecked = sources.map(reasonOf).filter((r): r is string => r !== null);
  const failed = sources.filter((s) => s.state === 'failed').map(reasonOf);
  if (vsphere.state !== 'checked' && nodes.state !== 'checked') {
    return assess('Unknown', `no source could be checked: ${unchecked.join('; ')}`);
  }
  if (m.conflicts.length > 0)
    return assess('Unknown', `the sources disagree with the backup: ${m.conflicts.join('; ')}`);
  const missing: string[] = [];
  if (vsphere.state === 'checked' && !m.vm) missing.push(`no VM ${wantedVm(m.machine)} in vCenter`);
  if (nodes.state === 'checked' && !m.node)
    missing.push(`no Node ${wantedNode(m.machine)} in the workload cluster`);
  const present = [m.vm ? describeVm(m.vm) : null, m.node ? describeNode(m.node) : null].filter(
    (p): p is string => p !== null,
  );
  if (present.length === 0) return assess('Stale', staleReason(m, missing, unchecked));
  if (missing.length > 0)
    return assess(
      'Unknown',
      `the sources disagree: ${present.join(' and ')} exists, but ${missing.join(' and ')}`,
    );
  if (m.vm && m.vm.powerState !== 'poweredOn') return assess('Unknown', `${describeVm(m.vm)} is not running`);
  if (failed.length > 0)
    return assess('Unknown', `${present.join(' and ')} found, but ${failed.join('; ')}: cannot confirm`);
  const notes = unchecked.length > 0 ? ` (${unchecked.join('; ')})` : '';
  return assess('Healthy', `${present.join(' and ')} found${notes}`);
}

/** The evidence text of a ghost: what exists, and why it belongs to this cluster. */
export function ghostEvidence(g: GhostMatch, nodesChecked: boolean): string {
  const seen: string[] = [];
  if (g.vm) seen.push(`${describeVm(g.vm)}${g.vm.biosUuid ? ` with BIOS UUID ${g.vm.biosUuid}` : ''}`);
  if (g.node)
    seen.push(`${describeNode(g.node)}${g.node.providerID ? ` with providerID ${g.node.providerID}` : ''}`);
  const verb = seen.length > 1 ? 'exist' : 'exists';
  const unjoined = g.node
    ? ''
    : nodesChecked
      ? '; it never joined the cluster as a Node'
      : "; the cluster's Nodes were not checked";
  return (
    `${seen.join(' and ')} ${verb}, but no Machine in the backup has its BIOS UUID or name${unjoined}; ` +
    `it belongs to this cluster because ${g.linkedBy}`
  );
}

/** Every ghost is Ghost; the message is its evidence. */
export function classifyGhost(g: GhostMatch, nodesChecked: boolean): Assessment<MachineStatus> {
  return { status: 'Ghost', message: ghostEvidence(g, nodesChecked) };
}

/**
 * A whole cluster is gone (stale) when vSphere was checked, none of its Machines or ghosts has
 * a VM, and its Nodes could not be read (API server unreachable, or not checked). Returns why.
 */
export function staleClusterReason(match: ClusterMatch): string | null {
  const { cluster, vsphere, nodes } = match;
  if (!cluster.found || cluster.machines.length === 0) return null;
  if (vsphere.state !== 'checked' || nodes.state === 'checked') return null;
  if (match.machines.some((m) => m.vm !== null) || match.ghosts.some((g) => g.vm !== null)) return null;
  const n = cluster.machines.length;
  return `the cluster is gone: none of its ${n} Machine${n === 1 ? '' : 's'} has a VM in vCenter, and ${nodes.reason}`;
}

/** Whether etcd keeps quorum while stale control-plane machines are replaced. */
export function quorumOf(desired: number | null, statuses: readonly MachineStatus[]): QuorumReport | null {
  if (desired === null || desired <= 0) return null;
  const healthy = statuses.filter((s) => s === 'Healthy').length;
  const needed = Math.floor(desired / 2) + 1;
  return { desired, healthy, needed, holds: healthy >= needed };
}
