/**
 * clusterctl's provisioning rule, before a move starts (pure): every moved Cluster has its
 * infrastructure ready and its control plane initialised (and, for v1beta1 with a control plane,
 * ready), and every moved Machine has a Node. Pausing a cluster half-way through provisioning
 * and recreating it elsewhere loses the controllers' track of what they were creating.
 */
import { describeKey, keyOf } from '../model/resource-key.js';
import type { MoveGraph, MoveObject, MoveProblem } from './types.js';

interface CapiStatus {
  infrastructureReady?: boolean;
  controlPlaneReady?: boolean;
  initialization?: { infrastructureProvisioned?: boolean; controlPlaneInitialized?: boolean };
  conditions?: Array<{ type?: string; status?: string }>;
  nodeRef?: { name?: string };
}

/** What still provisions among the moved clusters and machines; empty when the move may start. */
export function provisioningProblems(graph: MoveGraph): MoveProblem[] {
  const problems: MoveProblem[] = [];
  for (const o of graph.objects) {
    if (o.resource.group !== 'cluster.x-k8s.io') continue;
    const why = o.object.kind === 'Cluster' ? clusterProvisioning(o) : machineProvisioning(o);
    if (why)
      problems.push({
        kind: 'provisioning',
        message: `${describeKey(keyOf(o.object))} ${why}: wait until it is provisioned, or leave its cluster out with --cluster`,
      });
  }
  return problems;
}

// Both status shapes are read whatever the apiVersion says: a CRD without a conversion webhook
// serves a v1beta1 object as v1beta2 with its v1beta1 status unchanged.
function clusterProvisioning(o: MoveObject): string | undefined {
  const status = (o.object.status ?? {}) as CapiStatus;
  const infrastructure =
    status.initialization?.infrastructureProvisioned === true ||
    status.infrastructureReady === true ||
    conditionTrue(status, 'InfrastructureReady');
  if (!infrastructure) return 'is still provisioning its infrastructure';
  const initialized =
    status.initialization?.controlPlaneInitialized === true ||
    status.controlPlaneReady === true ||
    conditionTrue(status, 'ControlPlaneInitialized');
  if (!initialized) return 'has no initialised control plane yet';
  const spec = o.object.spec as { controlPlaneRef?: unknown } | undefined;
  if (spec?.controlPlaneRef && status.controlPlaneReady === false)
    return 'has a control plane that is not ready yet';
  return undefined;
}

function machineProvisioning(o: MoveObject): string | undefined {
  if (o.object.kind !== 'Machine') return undefined;
  const status = (o.object.status ?? {}) as CapiStatus;
  return status.nodeRef?.name ? undefined : 'is still provisioning its node (no status.nodeRef)';
}

function conditionTrue(status: CapiStatus, type: string): boolean {
  return (status.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}
