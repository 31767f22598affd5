/** Building blocks of remediation steps: exact kubectl/govc/etcdctl commands and structured action targets. */
import type { TopologyCluster } from '../model/capi-topology.js';
import type { VmRecord } from './evidence.js';
import type { ActionTarget, ActionType, QuorumReport, RemediationStep } from './report-schema.js';

/** The kubeconfig placeholder of the restored management cluster. */
export const MGMT_KUBECONFIG = '<mgmt-kubeconfig>';

const ETCDCTL =
  'etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt ' +
  '--key /etc/kubernetes/pki/etcd/server.key';

/** What the steps of one cluster need to know beyond the finding itself. */
export interface RemediationContext {
  cluster: TopologyCluster;
  quorum: QuorumReport | null;
  /** A healthy control-plane Node to run etcdctl on, when one is known. */
  etcdNode: string | null;
  /** Replicas each pool should be scaled to so ghosts can go (desired + joined ghosts). */
  expectedReplicas: ReadonlyMap<string, number>;
  /** Whether the cluster's Nodes were read (a VM-only ghost may still have a Node otherwise). */
  nodesChecked: boolean;
}

/** A step before numbering. */
export type Draft = Omit<RemediationStep, 'order'>;

/** Quotes a shell word unless it is plainly safe (names from vCenter can hold anything). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._/:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `<name>-kubeconfig`: the placeholder of a workload cluster's kubeconfig (the Secret of that name). */
export function workloadKubeconfig(cluster: TopologyCluster): string {
  return `<${cluster.name}-kubeconfig>`;
}

/** Numbers steps from 1 in the order given. */
export function numbered(drafts: readonly Draft[]): RemediationStep[] {
  return drafts.map((d, i) => ({ order: i + 1, ...d }));
}

/** One step: what it does for the runner (type, target, automated) and for people (description, command). */
export function step(
  type: ActionType,
  target: ActionTarget,
  automated: boolean,
  description: string,
  command: string,
): Draft {
  return { description, command, action: { type, target, automated } };
}

function clusterRef(c: TopologyCluster): string {
  return `${c.namespace}/${c.name}`;
}

/** `kubectl` against the restored management cluster, in the cluster's namespace. */
export function mgmt(c: TopologyCluster, args: string): string {
  return `kubectl --kubeconfig ${MGMT_KUBECONFIG} -n ${shellQuote(c.namespace)} ${args}`;
}

/** `kubectl` against the workload cluster. */
export function workload(c: TopologyCluster, args: string): string {
  return `kubectl --kubeconfig ${workloadKubeconfig(c)} ${args}`;
}

/** `etcdctl` run in the etcd pod of a healthy control-plane node of the workload cluster. */
export function etcdExec(ctx: RemediationContext, args: string): string {
  const pod = ctx.etcdNode ? `etcd-${ctx.etcdNode}` : 'etcd-<healthy-control-plane-node>';
  return workload(ctx.cluster, `-n kube-system exec ${shellQuote(pod)} -- ${ETCDCTL} ${args}`);
}

/** A Cluster API object of the management cluster. */
export function mgmtTarget(c: TopologyCluster, kind: ActionTarget['kind'], name: string): ActionTarget {
  return { plane: 'management', cluster: clusterRef(c), kind, name, namespace: c.namespace };
}

/** A Node of the workload cluster. */
export function nodeTarget(c: TopologyCluster, name: string): ActionTarget {
  return { plane: 'workload', cluster: clusterRef(c), kind: 'Node', name };
}

/** An etcd member of the workload cluster, named after its node. */
export function etcdTarget(c: TopologyCluster, member: string): ActionTarget {
  return { plane: 'workload', cluster: clusterRef(c), kind: 'EtcdMember', name: member };
}

/** A VM in vCenter. */
export function vmTarget(c: TopologyCluster, vm: VmRecord): ActionTarget {
  const target: ActionTarget = {
    plane: 'vsphere',
    cluster: clusterRef(c),
    kind: 'VirtualMachine',
    name: vm.name,
    moref: vm.moref,
  };
  if (vm.biosUuid) target.uuid = vm.biosUuid;
  return target;
}

/** govc's VM selector: by BIOS UUID, else by inventory path. */
export function vmSelector(vm: VmRecord): string {
  if (vm.biosUuid) return `-vm.uuid ${shellQuote(vm.biosUuid)}`;
  return `-vm.ipath ${shellQuote(`${vm.folderPath ?? ''}/${vm.name}`)}`;
}

/** Power off, then destroy, a VM. */
export function deleteVm(c: TopologyCluster, vm: VmRecord, automated: boolean): Draft[] {
  const t = vmTarget(c, vm);
  const selector = vmSelector(vm);
  return [
    step('power-off-vm', t, automated, `Power off VM ${vm.name}.`, `govc vm.power -off ${selector}`),
    step('destroy-vm', t, automated, `Delete VM ${vm.name} from vSphere.`, `govc vm.destroy ${selector}`),
  ];
}
