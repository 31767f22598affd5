/** The side effects remediation performs, each re-checking its target first (I/O via narrow clients). */
import type { KubeClient } from '../adapters/kube/index.js';
import { CORE_RESOURCES, KubeError } from '../adapters/kube/index.js';
import type { VmRecord } from '../adapters/vsphere/index.js';
import type { KubeObject } from '../model/resource-key.js';
import type { ActionTarget } from '../recovery/index.js';

const { nodes: NODES, pods: PODS } = CORE_RESOURCES;

/** What one action did. */
export interface ActionOutcome {
  result: 'done' | 'skipped' | 'failed';
  detail: string;
}

/** Cordons the Node (spec.unschedulable) after checking it still exists. */
export async function cordon(client: KubeClient, target: ActionTarget): Promise<ActionOutcome> {
  if (!(await client.get(NODES, '', target.name)))
    return { result: 'skipped', detail: `Node ${target.name} no longer exists` };
  await client.patch(NODES, '', target.name, { spec: { unschedulable: true } }, 'merge');
  return { result: 'done', detail: `cordoned Node ${target.name}` };
}

/**
 * Drains like `kubectl drain --ignore-daemonsets --delete-emptydir-data`: cordon, then evict every
 * pod on the Node except DaemonSet and mirror pods, through the Eviction API (PDBs respected).
 */
export async function drain(
  client: KubeClient,
  target: ActionTarget,
  gracePeriodSeconds?: number,
): Promise<ActionOutcome> {
  const cordoned = await cordon(client, target);
  if (cordoned.result === 'skipped') return cordoned;
  const pods = (await client.list(PODS, { fieldSelector: `spec.nodeName=${target.name}` })).items.filter(
    evictable,
  );
  for (const pod of pods) await evict(client, pod, gracePeriodSeconds);
  return { result: 'done', detail: `drained Node ${target.name}: ${pods.length} pod(s) evicted` };
}

function evictable(pod: KubeObject): boolean {
  const owners = pod.metadata.ownerReferences ?? [];
  const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  return !mirror && !owners.some((o) => o.kind === 'DaemonSet');
}

async function evict(client: KubeClient, pod: KubeObject, gracePeriodSeconds?: number): Promise<void> {
  const ns = pod.metadata.namespace ?? 'default';
  const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata.name)}/eviction`;
  const body = {
    apiVersion: 'policy/v1beta1',
    kind: 'Eviction',
    metadata: { name: pod.metadata.name, namespace: ns },
    ...(gracePeriodSeconds !== undefined && { deleteOptions: { gracePeriodSeconds } }),
  };
  try {
    await client.transport.request({
      method: 'POST',
      path,
      body,
      what: `evict pod ${ns}/${pod.metadata.name}`,
      retry: true,
    });
  } catch (err) {
    if (err instanceof KubeError && err.code === 'kube.not-found') return;
    throw err;
  }
}

/** Deletes the Node after checking it exists and still carries the providerID the report saw. */
export async function deleteNode(client: KubeClient, target: ActionTarget): Promise<ActionOutcome> {
  const node = await client.get(NODES, '', target.name);
  if (!node) return { result: 'skipped', detail: `Node ${target.name} no longer exists` };
  const providerID = (node.spec as { providerID?: string } | undefined)?.providerID ?? '';
  if (target.uuid && providerID && !providerID.toLowerCase().includes(target.uuid.toLowerCase())) {
    return {
      result: 'skipped',
      detail: `Node ${target.name} now has providerID ${providerID}: not the one the report saw`,
    };
  }
  await client.delete(NODES, '', target.name);
  return { result: 'done', detail: `deleted Node ${target.name}` };
}

/** Finds the report's VM again (by BIOS UUID, else name); undefined when it is gone. */
export function findVm(inventory: readonly VmRecord[], target: ActionTarget): VmRecord | undefined {
  if (target.uuid) return inventory.find((vm) => vm.biosUuid?.toLowerCase() === target.uuid!.toLowerCase());
  return inventory.find((vm) => vm.name === target.name && (!target.moref || vm.moref === target.moref));
}
