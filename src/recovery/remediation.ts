/** Ordered remediation steps per finding, following TKG's "handling drift" procedure (pure). */
import { CAPI_LABEL, CAPI_TYPES } from '../model/capi-names.js';
import { pausePatch } from '../model/capi-pause.js';
import type { TopologyCluster, TopologyMachine } from '../model/capi-topology.js';
import { groupResource } from '../model/resource-key.js';
import type { NodeRecord, VmRecord } from './evidence.js';
import type { Draft, RemediationContext } from './remediation-commands.js';
import {
  etcdExec,
  etcdTarget,
  mgmt,
  mgmtTarget,
  numbered,
  shellQuote,
  step,
  vmSelector,
  workload,
} from './remediation-commands.js';
import type { RemediationStep } from './report-schema.js';

export {
  MGMT_KUBECONFIG,
  type RemediationContext,
  shellQuote,
  workloadKubeconfig,
} from './remediation-commands.js';
export { type GhostFinding, ghostSteps } from './remediation-ghosts.js';

// kubectl's names for Cluster API's types, e.g. `machines.cluster.x-k8s.io`.
const MACHINES = groupResource(CAPI_TYPES.machine);
const CLUSTERS = groupResource(CAPI_TYPES.cluster);

function deleteMachine(c: TopologyCluster, m: TopologyMachine, automated: boolean, why: string): Draft {
  const command = mgmt(c, `delete ${MACHINES} ${shellQuote(m.name)}`);
  return step('delete-machine', mgmtTarget(c, 'Machine', m.name), automated, why, command);
}

function staleWorker(ctx: RemediationContext, m: TopologyMachine): Draft[] {
  const c = ctx.cluster;
  const pool = c.pools.find((p) => p.name === m.pool);
  if (pool && pool.healthChecks.length > 0) {
    const description =
      `None needed: MachineHealthCheck ${pool.healthChecks.join(', ')} covers pool ${pool.name}; after restore ` +
      'it deletes this Machine (its Node is gone) and the MachineDeployment creates a replacement. ' +
      'Watch the pool recover.';
    const selector = `${CAPI_LABEL.deploymentName}=${shellQuote(pool.name)}`;
    const command = mgmt(c, `get ${MACHINES} -l ${selector}`);
    return [step('manual', mgmtTarget(c, 'MachineDeployment', pool.name), false, description, command)];
  }
  const why = pool
    ? `After restore and unpausing, delete the stale Machine: no MachineHealthCheck covers pool ${pool.name}, ` +
      'so nothing else will; its MachineSet then creates a replacement.'
    : 'After restore and unpausing, delete the stale Machine: nothing exists behind it.';
  return [deleteMachine(c, m, true, why)];
}

function quorumState(ctx: RemediationContext): string {
  const q = ctx.quorum;
  if (!q) return 'the control plane has no desired replica count';
  const verdict = q.holds ? 'holds' : 'does NOT hold';
  return `${q.healthy} of ${q.desired} control-plane machines are healthy; etcd quorum needs ${q.needed} and ${verdict}`;
}

function staleControlPlane(ctx: RemediationContext, m: TopologyMachine): Draft[] {
  const c = ctx.cluster;
  const state = quorumState(ctx);
  const check = step(
    'manual',
    etcdTarget(c, m.nodeName ?? m.name),
    false,
    `Check etcd quorum first: ${state}. List the members and confirm the stale one is not serving.`,
    etcdExec(ctx, 'member list -w table'),
  );
  if (!ctx.quorum?.holds) {
    const description =
      `Do not delete yet: ${state}. Restore etcd quorum first (e.g. from an etcd snapshot), ` +
      'then delete the stale Machine so the control plane replaces it.';
    const command = mgmt(c, `get ${MACHINES} ${shellQuote(m.name)}`);
    return [check, step('manual', mgmtTarget(c, 'Machine', m.name), false, description, command)];
  }
  const covering = c.healthChecks.filter((hc) => hc.coversControlPlane).map((hc) => hc.name);
  if (covering.length > 0) {
    const description =
      `None needed: MachineHealthCheck ${covering.join(', ')} covers the control plane; after restore it ` +
      'remediates this Machine and the control plane replaces it while quorum holds.';
    const command = mgmt(c, `get ${MACHINES} -l ${CAPI_LABEL.controlPlane}`);
    return [check, step('manual', mgmtTarget(c, 'Machine', m.name), false, description, command)];
  }
  const why =
    'After restore and unpausing, delete the stale Machine; the control plane removes its etcd member ' +
    `and creates a replacement to get back to ${ctx.quorum.desired} replicas. Replace one machine at a time.`;
  return [check, deleteMachine(c, m, true, why)];
}

/** Steps for a Machine of the backup that nothing exists behind (Stale). */
export function staleMachineSteps(ctx: RemediationContext, m: TopologyMachine): RemediationStep[] {
  return numbered(m.role === 'control-plane' ? staleControlPlane(ctx, m) : staleWorker(ctx, m));
}

/** Steps for an Unknown Machine that something was found for: find out which source is right first. */
export function unknownMachineSteps(
  ctx: RemediationContext,
  m: TopologyMachine,
  found: { vm: VmRecord | null; node: NodeRecord | null },
  reason: string,
): RemediationStep[] {
  if (!found.vm && !found.node) return [];
  const c = ctx.cluster;
  const command = found.vm
    ? `govc vm.info ${vmSelector(found.vm)}`
    : workload(c, `get node ${shellQuote(found.node?.name ?? m.name)} -o wide`);
  const description = `Investigate before restoring: ${reason}.`;
  return numbered([step('manual', mgmtTarget(c, 'Machine', m.name), false, description, command)]);
}

/** Steps for a cluster that is gone entirely: delete it right after restore, before unpausing it. */
export function staleClusterSteps(c: TopologyCluster): RemediationStep[] {
  const target = mgmtTarget(c, 'Cluster', c.name);
  const name = shellQuote(c.name);
  const exclude =
    `Cluster ${c.namespace}/${c.name} no longer exists: exclude it from the restore, or delete it right after ` +
    'restore, before unpausing it (an unpaused Cluster would recreate its machines).';
  const unpause =
    'Then unpause it so Cluster API can finish the deletion (its infrastructure is already gone).';
  return numbered([
    step('manual', target, false, exclude, mgmt(c, `delete ${CLUSTERS} ${name} --wait=false`)),
    step(
      'manual',
      target,
      false,
      unpause,
      mgmt(c, `patch ${CLUSTERS} ${name} --type merge -p '${JSON.stringify(pausePatch(false))}'`),
    ),
  ]);
}
