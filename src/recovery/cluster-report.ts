/** Turns one cluster's matches into its report: machines, ghosts, roll-ups, counts and remediation (pure). */
import type { TopologyCluster, TopologyMachine, TopologyPool } from '../model/capi-topology.js';
import { biosUuidFromProviderID } from '../model/capi-topology.js';
import { classifyGhost, classifyMachine, quorumOf, staleClusterReason } from './classify.js';
import type { NodeRecord, VmRecord } from './evidence.js';
import type { ClusterMatch, GhostMatch, MachineMatch, SourceState } from './match.js';
import { ghostName } from './match-ghosts.js';
import type { RemediationContext } from './remediation.js';
import { ghostSteps, staleClusterSteps, staleMachineSteps, unknownMachineSteps } from './remediation.js';
import type {
  ClusterReport,
  Counts,
  GhostReport,
  MachineReport,
  NodeSummary,
  PoolReport,
  SourceReport,
  VmSummary,
} from './report-schema.js';
import type { Assessment, MachineStatus, RollupStatus } from './status.js';
import { fold, type Rollup } from './status.js';

/** The name of the pseudo-pool of workers that belong to no MachineDeployment. */
export const STANDALONE_POOL = '(standalone)';

interface Item {
  match: MachineMatch;
  assessment: Assessment<MachineStatus>;
  report: MachineReport;
}

interface GhostItem {
  ghost: GhostMatch;
  assessment: Assessment<MachineStatus>;
  report: GhostReport;
}

function vmSummary(vm: VmRecord | null): VmSummary | null {
  return vm && { name: vm.name, uuid: vm.biosUuid, powerState: vm.powerState, moref: vm.moref };
}

function nodeSummary(node: NodeRecord | null): NodeSummary | null {
  return node && { name: node.name, providerID: node.providerID, ready: node.ready };
}

function sourceReport(s: SourceState): SourceReport {
  return { state: s.state, reason: s.state === 'checked' ? null : s.reason };
}

function counts(
  desired: number | null,
  items: readonly Item[],
  ghosts: readonly GhostItem[],
  match: ClusterMatch,
): Counts {
  const found = [...items.map((i) => i.match), ...ghosts.map((g) => g.ghost)];
  return {
    desired,
    machines: items.length,
    vms: match.vsphere.state === 'checked' ? found.filter((f) => f.vm !== null).length : null,
    nodes: match.nodes.state === 'checked' ? found.filter((f) => f.node !== null).length : null,
  };
}

function remediationContext(
  match: ClusterMatch,
  items: Map<TopologyMachine, Item>,
  ghosts: readonly GhostMatch[],
): RemediationContext {
  const cluster = match.cluster;
  const cp = cluster.controlPlane.machines.map((m) => items.get(m)).filter((i): i is Item => i !== undefined);
  const etcdNode =
    cp.find((i) => i.assessment.status === 'Healthy' && i.match.node)?.match.node?.name ?? null;
  const expectedReplicas = new Map<string, number>();
  for (const pool of cluster.pools) {
    if (pool.desired === null) continue;
    const joined = ghosts.filter(
      (g) => g.role === 'worker' && g.pool === pool.name && g.node !== null,
    ).length;
    expectedReplicas.set(pool.name, pool.desired + joined);
  }
  return {
    cluster,
    quorum: quorumOf(
      cluster.controlPlane.desired,
      cp.map((i) => i.assessment.status),
    ),
    etcdNode,
    expectedReplicas,
    nodesChecked: match.nodes.state === 'checked',
  };
}

function machineRemediation(
  ctx: RemediationContext,
  m: MachineMatch,
  a: Assessment<MachineStatus>,
  clusterStale: boolean,
) {
  if (clusterStale) return [];
  if (a.status === 'Stale') return staleMachineSteps(ctx, m.machine);
  if (a.status === 'Unknown') return unknownMachineSteps(ctx, m.machine, m, a.message);
  return [];
}

function machineReport(m: MachineMatch, a: Assessment<MachineStatus>): MachineReport {
  const { machine } = m;
  return {
    name: machine.name,
    role: machine.role,
    pool: machine.pool,
    status: a.status,
    reason: a.message,
    providerID: machine.providerID,
    vm: vmSummary(m.vm),
    node: nodeSummary(m.node),
    remediation: [],
  };
}

function ghostReport(ctx: RemediationContext, g: GhostMatch, a: Assessment<MachineStatus>): GhostReport {
  const name = ghostName(g);
  return {
    kind: g.node ? 'Node' : 'VM',
    name,
    uuid: g.vm?.biosUuid ?? biosUuidFromProviderID(g.node?.providerID) ?? null,
    providerID: g.node?.providerID ?? null,
    role: g.role,
    pool: g.pool,
    status: 'Ghost',
    evidence: a.message,
    vm: vmSummary(g.vm),
    node: nodeSummary(g.node),
    remediation: ghostSteps(ctx, { name, role: g.role, pool: g.pool, vm: g.vm, node: g.node }),
  };
}

function poolReport(
  pool: TopologyPool,
  items: Item[],
  ghosts: GhostItem[],
  match: ClusterMatch,
): [PoolReport, Rollup] {
  const notes: Assessment<RollupStatus>[] = pool.found
    ? []
    : [
        {
          status: 'Error',
          message: `MachineDeployment ${match.cluster.namespace}/${pool.name} is not in the backup`,
        },
      ];
  const rollup = fold({ machines: [...items, ...ghosts].map((i) => i.assessment), notes });
  const report: PoolReport = {
    name: pool.name,
    status: rollup.status,
    message: rollup.message,
    desired: pool.desired,
    counts: counts(pool.desired, items, ghosts, match),
    healthChecks: [...pool.healthChecks],
    machines: items.map((i) => i.report),
  };
  return [report, rollup];
}

function standalonePool(cluster: TopologyCluster): TopologyPool {
  const machines = cluster.standaloneWorkers;
  return {
    name: STANDALONE_POOL,
    found: true,
    desired: null,
    machineSets: [],
    templateLabels: {},
    machines,
    healthChecks: [],
  };
}

function sumDesired(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
}

function clusterNotes(match: ClusterMatch, stale: string | null): Assessment<RollupStatus>[] {
  const notes: Assessment<RollupStatus>[] = match.cluster.problems.map((message) => ({
    status: 'Error',
    message,
  }));
  if (stale) notes.push({ status: 'Drifted', message: stale });
  for (const s of [match.vsphere, match.nodes])
    if (s.state === 'failed') notes.push({ status: 'Unknown', message: s.reason });
  return notes;
}

/** Every Machine and ghost of a cluster classified, with remediation attached. */
interface Classified {
  match: ClusterMatch;
  stale: string | null;
  items: Map<TopologyMachine, Item>;
  ghosts: GhostItem[];
  ctx: RemediationContext;
}

function classifyAll(match: ClusterMatch): Classified {
  const stale = staleClusterReason(match);
  const items = new Map<TopologyMachine, Item>();
  for (const m of match.machines) {
    const assessment = classifyMachine(m, match.vsphere, match.nodes);
    items.set(m.machine, { match: m, assessment, report: machineReport(m, assessment) });
  }
  const ctx = remediationContext(match, items, match.ghosts);
  for (const item of items.values()) {
    item.report.remediation = machineRemediation(ctx, item.match, item.assessment, stale !== null);
  }
  const ghosts = match.ghosts.map((ghost): GhostItem => {
    const assessment = classifyGhost(ghost, ctx.nodesChecked);
    return { ghost, assessment, report: ghostReport(ctx, ghost, assessment) };
  });
  return { match, stale, items, ghosts, ctx };
}

function pick(c: Classified, machines: readonly TopologyMachine[]): Item[] {
  return machines.map((m) => c.items.get(m)).filter((i): i is Item => i !== undefined);
}

function controlPlaneLevel(c: Classified): [ClusterReport['controlPlane'], Rollup] {
  const cp = c.match.cluster.controlPlane;
  const items = pick(c, cp.machines);
  const ghosts = c.ghosts.filter((g) => g.ghost.role === 'control-plane');
  const rollup = fold({ machines: [...items, ...ghosts].map((i) => i.assessment) });
  const report = {
    kind: cp.ref?.kind ?? null,
    name: cp.ref?.name ?? null,
    status: rollup.status,
    message: rollup.message,
    desired: cp.desired,
    counts: counts(cp.desired, items, ghosts, c.match),
    quorum: c.ctx.quorum,
    machines: items.map((i) => i.report),
  };
  return [report, rollup];
}

function workersLevel(c: Classified): [ClusterReport['workers'], Rollup] {
  const cluster = c.match.cluster;
  const pools =
    cluster.standaloneWorkers.length > 0 ? [...cluster.pools, standalonePool(cluster)] : cluster.pools;
  const workerGhosts = c.ghosts.filter((g) => g.ghost.role === 'worker');
  const results = pools.map((p) =>
    poolReport(
      p,
      pick(c, p.machines),
      workerGhosts.filter((g) => g.ghost.pool === p.name),
      c.match,
    ),
  );
  const loose = workerGhosts.filter((g) => g.ghost.pool === null);
  const rollup = fold({ children: results.map(([, r]) => r), machines: loose.map((g) => g.assessment) });
  const desired = sumDesired(pools.map((p) => p.desired));
  const items = pools.flatMap((p) => pick(c, p.machines));
  const report = {
    status: rollup.status,
    message: rollup.message,
    counts: counts(desired, items, workerGhosts, c.match),
    pools: results.map(([r]) => r),
  };
  return [report, rollup];
}

/** The report of one cluster and its roll-up (whose tally and notes feed the summary). */
export function clusterReport(match: ClusterMatch): { report: ClusterReport; rollup: Rollup } {
  const { cluster } = match;
  const c = classifyAll(match);
  const [controlPlane, cpRollup] = controlPlaneLevel(c);
  const [workers, workersRollup] = workersLevel(c);
  const unknownRole = c.ghosts.filter((g) => g.ghost.role === 'unknown');
  const rollup = fold({
    children: [cpRollup, workersRollup],
    machines: unknownRole.map((g) => g.assessment),
    notes: clusterNotes(match, c.stale),
  });
  const desired = sumDesired([controlPlane.desired, workers.counts.desired]);
  const report: ClusterReport = {
    namespace: cluster.namespace,
    name: cluster.name,
    status: rollup.status,
    message: rollup.message,
    stale: c.stale !== null,
    paused: cluster.paused,
    problems: [...cluster.problems],
    sources: { vsphere: sourceReport(match.vsphere), nodes: sourceReport(match.nodes) },
    counts: counts(desired, [...c.items.values()], c.ghosts, match),
    controlPlane,
    workers,
    ghosts: c.ghosts.map((g) => g.report),
    remediation: c.stale ? staleClusterSteps(cluster) : [],
  };
  return { report, rollup };
}
