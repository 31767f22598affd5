/** Remediation of ghosts (TKG "handling drift"): scale, drain, delete Node, remove etcd member, delete VM. */
import { CAPI_TYPES } from '../model/capi-names.js';
import { groupResource } from '../model/resource-key.js';
import type { NodeRecord, VmRecord } from './evidence.js';
import type { GhostRole } from './match.js';
import type { Draft, RemediationContext } from './remediation-commands.js';
import {
  deleteVm,
  etcdExec,
  etcdTarget,
  mgmt,
  mgmtTarget,
  nodeTarget,
  numbered,
  shellQuote,
  step,
  vmSelector,
  vmTarget,
  workload,
} from './remediation-commands.js';
import type { RemediationStep } from './report-schema.js';

/** A ghost as remediation sees it. */
export interface GhostFinding {
  name: string;
  role: GhostRole;
  pool: string | null;
  vm: VmRecord | null;
  node: NodeRecord | null;
}

// kubectl's name for MachineDeployments: `machinedeployments.cluster.x-k8s.io`.
const MACHINE_DEPLOYMENTS = groupResource(CAPI_TYPES.machineDeployment);

function scalePool(ctx: RemediationContext, g: GhostFinding): Draft {
  const c = ctx.cluster;
  const replicas = g.pool ? ctx.expectedReplicas.get(g.pool) : undefined;
  if (!g.pool || replicas === undefined) {
    const description =
      'After restore, scale the MachineDeployment that should carry this capacity to the count that runs ' +
      'today, so Cluster API creates a managed replacement before the ghost goes.';
    const target = mgmtTarget(c, 'MachineDeployment', g.pool ?? '<pool>');
    return step('manual', target, false, description, mgmt(c, `get ${MACHINE_DEPLOYMENTS}`));
  }
  const target = { ...mgmtTarget(c, 'MachineDeployment', g.pool), replicas };
  const description =
    `After restore, scale pool ${g.pool} to ${replicas} (the count that runs today) so Cluster API ` +
    'creates a managed replacement for the ghost.';
  const command = mgmt(c, `scale ${MACHINE_DEPLOYMENTS} ${shellQuote(g.pool)} --replicas=${replicas}`);
  return step('scale-pool', target, true, description, command);
}

/** The Node to act on: the ghost's, or — when Nodes were not read — one named like its VM, if it joined. */
function nodeToRemove(ctx: RemediationContext, g: GhostFinding): { name: string; caveat: string } | null {
  if (g.node) return { name: g.node.name, caveat: '' };
  if (ctx.nodesChecked) return null;
  return { name: g.name, caveat: ' if it joined the cluster (its Nodes could not be read)' };
}

function ghostWorker(ctx: RemediationContext, g: GhostFinding): Draft[] {
  const c = ctx.cluster;
  const node = nodeToRemove(ctx, g);
  const steps: Draft[] = [];
  if (g.node) steps.push(scalePool(ctx, g));
  if (node) {
    const target = nodeTarget(c, node.name);
    const drain = `drain ${shellQuote(node.name)} --delete-emptydir-data --ignore-daemonsets`;
    const moved = `Drain ghost Node ${node.name}${node.caveat}, moving its workloads to managed Nodes.`;
    steps.push(step('drain', target, true, moved, workload(c, drain)));
    const deleted = `Delete ghost Node ${node.name}${node.caveat}.`;
    steps.push(
      step('delete-node', target, true, deleted, workload(c, `delete node ${shellQuote(node.name)}`)),
    );
  }
  if (g.vm) steps.push(...deleteVm(c, g.vm, true));
  return steps;
}

function ghostControlPlane(ctx: RemediationContext, g: GhostFinding): Draft[] {
  const c = ctx.cluster;
  const node = nodeToRemove(ctx, g);
  const steps: Draft[] = [];
  if (node) {
    const deleted = `Delete ghost control-plane Node ${node.name}${node.caveat}.`;
    const command = workload(c, `delete node ${shellQuote(node.name)}`);
    steps.push(step('delete-node', nodeTarget(c, node.name), true, deleted, command));
    const description =
      `Remove the etcd member of ${node.name}: a ghost control-plane node is an etcd member and counts ` +
      'against quorum. Find its ID with "member list".';
    const remove = etcdExec(ctx, 'member remove <member-id>');
    steps.push(step('remove-etcd-member', etcdTarget(c, node.name), false, description, remove));
  }
  if (g.vm) steps.push(...deleteVm(c, g.vm, true));
  return steps;
}

function ghostUnknown(ctx: RemediationContext, g: GhostFinding): Draft[] {
  const c = ctx.cluster;
  if (!g.vm) return [];
  const description =
    `Find out what VM ${g.vm.name} is: it carries this cluster's name prefix but no Machine, Node or role ` +
    'accounts for it. Delete it only once it is known to be unused.';
  const inspect = step('manual', vmTarget(c, g.vm), false, description, `govc vm.info ${vmSelector(g.vm)}`);
  return [inspect, ...deleteVm(c, g.vm, false)];
}

/** Steps for a ghost VM/Node: TKG's worker or control-plane procedure, by role; unknown roles stay manual. */
export function ghostSteps(ctx: RemediationContext, g: GhostFinding): RemediationStep[] {
  if (g.role === 'worker') return numbered(ghostWorker(ctx, g));
  if (g.role === 'control-plane') return numbered(ghostControlPlane(ctx, g));
  return numbered(ghostUnknown(ctx, g));
}
