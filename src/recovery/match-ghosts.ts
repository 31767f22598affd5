/** Ghosts: VMs and Nodes no Machine accounts for, paired with each other and assigned to a cluster (pure). */
import type { TopologyCluster } from '../model/capi-topology.js';
import { biosUuidFromProviderID, normalizeUuid } from '../model/capi-topology.js';
import type { NodeRecord, VmRecord } from './evidence.js';
import type { ClusterMatch } from './match.js';

/** The role of a ghost: from its Node's role label, else from the object-name prefix it carries. */
export type GhostRole = 'control-plane' | 'worker' | 'unknown';

/** A VM and/or Node of a cluster that no Machine in the backup accounts for. */
export interface GhostMatch {
  vm: VmRecord | null;
  node: NodeRecord | null;
  role: GhostRole;
  /** The MachineDeployment whose name prefix it carries, for workers. */
  pool: string | null;
  /** Why it belongs to this cluster. */
  linkedBy: string;
}

/** The prefixes (`<name>-`) of a cluster's control plane, pools and — when its machines use it — its own name. */
export function clusterPrefixes(cluster: TopologyCluster): string[] {
  const names = [cluster.controlPlane.ref?.name, ...cluster.pools.map((p) => p.name)];
  const own = names.filter((n): n is string => !!n).map((n) => `${n}-`);
  const clusterPrefix = `${cluster.name}-`;
  const used =
    cluster.machines.length === 0 || cluster.machines.some((m) => m.name.startsWith(clusterPrefix));
  return used ? [...own, clusterPrefix] : own;
}

/** The longest key of `table` that prefixes `name` at a `-` boundary. */
function longestPrefix<V>(table: ReadonlyMap<string, V>, name: string): [string, V] | null {
  for (let i = name.length - 1; i > 0; i--) {
    if (name.charCodeAt(i) !== 45 /* - */) continue;
    const prefix = name.slice(0, i + 1);
    const hit = table.get(prefix);
    if (hit !== undefined) return [prefix, hit];
  }
  return null;
}

/** Role and pool of a ghost from its Node, else from the longest object-name prefix it carries. */
function roleOf(
  cluster: TopologyCluster,
  name: string,
  node: NodeRecord | null,
): { role: GhostRole; pool: string | null } {
  const table = new Map<string, { role: GhostRole; pool: string | null }>();
  if (cluster.controlPlane.ref)
    table.set(`${cluster.controlPlane.ref.name}-`, { role: 'control-plane', pool: null });
  for (const p of cluster.pools) table.set(`${p.name}-`, { role: 'worker', pool: p.name });
  const byName = longestPrefix(table, name)?.[1] ?? { role: 'unknown', pool: null };
  if (!node) return byName;
  if (node.controlPlane) return { role: 'control-plane', pool: null };
  return { role: 'worker', pool: byName.role === 'worker' ? byName.pool : null };
}

class LeftoverVms {
  private readonly byUuid = new Map<string, VmRecord>();
  private readonly byName = new Map<string, VmRecord[]>();
  readonly claimed = new Set<VmRecord>();

  constructor(readonly all: readonly VmRecord[]) {
    for (const vm of all) {
      const uuid = normalizeUuid(vm.biosUuid);
      if (uuid) this.byUuid.set(uuid, vm);
      this.byName.set(vm.name, [...(this.byName.get(vm.name) ?? []), vm]);
    }
  }

  /** Claims the VM behind a ghost Node: same BIOS UUID as its providerID, else same name. */
  claimFor(node: NodeRecord): { vm: VmRecord; by: string } | null {
    const byUuid = this.byUuid.get(biosUuidFromProviderID(node.providerID) ?? '');
    const vm =
      byUuid && !this.claimed.has(byUuid)
        ? byUuid
        : this.byName.get(node.name)?.find((v) => !this.claimed.has(v));
    if (!vm) return null;
    this.claimed.add(vm);
    return { vm, by: vm === byUuid ? 'BIOS UUID' : 'name' };
  }
}

function prefixTable(results: readonly ClusterMatch[]): Map<string, ClusterMatch[]> {
  const table = new Map<string, ClusterMatch[]>();
  for (const r of results) {
    if (r.vsphere.state !== 'checked') continue;
    for (const prefix of clusterPrefixes(r.cluster)) table.set(prefix, [...(table.get(prefix) ?? []), r]);
  }
  return table;
}

function ghost(r: ClusterMatch, vm: VmRecord | null, node: NodeRecord | null, linkedBy: string): GhostMatch {
  return { vm, node, ...roleOf(r.cluster, node?.name ?? vm?.name ?? '', node), linkedBy };
}

/**
 * Adds ghosts to each cluster: Nodes its API server lists that no Machine claims (with the VM
 * behind each), then unclaimed VMs carrying one of its object-name prefixes (longest wins).
 */
export function findGhosts(
  results: readonly ClusterMatch[],
  ghostNodes: readonly (readonly NodeRecord[])[],
  leftoverVms: readonly VmRecord[],
): void {
  const vms = new LeftoverVms(leftoverVms);
  for (const [i, r] of results.entries()) {
    for (const node of ghostNodes[i] ?? []) {
      const found = r.vsphere.state === 'checked' ? vms.claimFor(node) : null;
      const how = found ? `; its VM matched by ${found.by}` : '';
      r.ghosts.push(ghost(r, found?.vm ?? null, node, `the cluster's API server lists it as a Node${how}`));
    }
  }
  const table = prefixTable(results);
  for (const vm of vms.all) {
    if (vms.claimed.has(vm)) continue;
    const hit = longestPrefix(table, vm.name);
    if (!hit) continue;
    const [prefix, [owner, ...others]] = hit;
    if (!owner) continue;
    const also =
      others.length > 0 ? ` (also the prefix of ${others.map((o) => clusterLabel(o)).join(', ')})` : '';
    owner.ghosts.push(
      ghost(owner, vm, null, `its name carries the prefix "${prefix}" of this cluster's objects${also}`),
    );
  }
  for (const r of results) r.ghosts.sort((a, b) => ghostName(a).localeCompare(ghostName(b)));
}

function clusterLabel(r: ClusterMatch): string {
  return `${r.cluster.namespace}/${r.cluster.name}`;
}

/** The name a ghost is shown under: its Node's, else its VM's. */
export function ghostName(g: GhostMatch): string {
  return g.node?.name ?? g.vm?.name ?? '';
}
