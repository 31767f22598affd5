/** One realistic CAPV workload cluster as every object a management cluster holds for it, plus its VMs. */
import type { KubeObject } from '../../model/resource-key.js';
import { kubeadmConfig, kubeadmConfigTemplate } from './bootstrap.js';
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, DEFAULT_KUBERNETES_VERSION, LABEL } from './capi.js';
import { cluster, kubeadmControlPlane } from './cluster.js';
import { clusterSecrets, workloadKubeconfig } from './cluster-secrets.js';
import { node } from './core.js';
import { machineHealthCheck } from './health-check.js';
import { machine } from './machine.js';
import { seededBiosUuid, seededHash, seededSuffix } from './seeded.js';
import { vsphereCluster, vsphereMachine, vsphereMachineTemplate, vsphereVM } from './vsphere.js';
import { machineDeployment, machineSet } from './workers.js';

/** One MachineDeployment: `<cluster>-<pool>` with `replicas` machines. */
export interface WorkerPool {
  pool: string;
  replicas: number;
}

/** What `capiTopology` builds. */
export interface TopologyOptions {
  namespace: string;
  name: string;
  /** Cluster API (and CAPV) version of every object; default v1beta1. */
  apiVersion?: CapiVersion;
  /** Number of control-plane machines. */
  controlPlane: number;
  workers?: WorkerPool[];
  /** vCenter address (`VSphereCluster.spec.server`, every VM's `spec.server`). */
  server: string;
  thumbprint?: string;
  kubernetesVersion?: string;
  /** Control-plane endpoint host; default a seeded 10.x address. */
  endpoint?: string;
  /** Admin kubeconfig stored in `<cluster>-kubeconfig`; default one pointing at the endpoint. */
  kubeconfig?: string;
  /** Seed of machine names and BIOS UUIDs; default `<namespace>/<name>`. */
  seed?: string;
}

/** A machine's role in its cluster. */
export type MachineRole = 'control-plane' | 'worker';

/** A VM (and the Node on it) that exists for one Machine: same name, BIOS UUID, providerID. */
export interface TopologyVm {
  name: string;
  uuid: string;
  providerID: string;
  role: MachineRole;
  /** The worker pool, for workers. */
  pool?: string;
}

/** Every object of one workload cluster, and the VMs/Nodes behind its machines. */
export interface CapiTopology {
  objects: KubeObject[];
  vms: TopologyVm[];
}

interface Context {
  ns: string;
  name: string;
  v: CapiVersion;
  seed: string;
  server: string;
  thumbprint: string | undefined;
  k8s: string;
  names: Set<string>;
}

/** A fresh `<base>-<5 chars>` name, seeded, never repeated within one topology. */
function machineName(ctx: Context, base: string): string {
  for (let attempt = 0; ; attempt++) {
    const name = `${base}-${seededSuffix(5, ctx.seed, base, String(ctx.names.size), String(attempt))}`;
    if (!ctx.names.has(name)) {
      ctx.names.add(name);
      return name;
    }
  }
}

function seededEndpoint(seed: string): string {
  const h = Number(seededHash(seed, 'endpoint'));
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 254) + 1}`;
}

interface MachineSpec {
  vm: TopologyVm;
  owner: KubeObject;
  init: boolean;
  labels: Record<string, string>;
}

/** Machine, KubeadmConfig, VSphereMachine and VSphereVM for one VM, owned the way CAPI owns them. */
function machineObjects(ctx: Context, { vm, owner, init, labels }: MachineSpec): KubeObject[] {
  const vmTemplate = `ubuntu-2204-kube-${ctx.k8s}`;
  const m = machine(ctx.ns, vm.name, ctx.v).cluster(ctx.name).kubernetesVersion(ctx.k8s).withLabels(labels);
  const config = kubeadmConfig(ctx.ns, vm.name, ctx.v).cluster(ctx.name);
  const vsm = vsphereMachine(ctx.ns, vm.name, ctx.v)
    .cluster(ctx.name)
    .server(ctx.server)
    .template(vmTemplate);
  const vsvm = vsphereVM(ctx.ns, vm.name, ctx.v).cluster(ctx.name).server(ctx.server).template(vmTemplate);
  if (vm.role === 'control-plane') {
    m.controlPlane(owner);
    config.controlPlane(init);
    vsm.controlPlane();
    vsvm.controlPlane();
  }
  if (ctx.thumbprint) vsvm.thumbprint(ctx.thumbprint);
  const machineObj = m.withProviderID(vm.providerID).withNodeRef(vm.name).withUID().ownedBy(owner).build();
  const vsmObj = vsm.withProviderID(vm.providerID).withUID().ownedBy(machineObj).build();
  return [
    machineObj,
    config.withUID().ownedBy(machineObj).build(),
    vsmObj,
    vsvm.biosUUID(vm.uuid).withUID().ownedBy(vsmObj).build(),
  ];
}

function newVm(ctx: Context, name: string, role: MachineRole, pool?: string): TopologyVm {
  const uuid = seededBiosUuid(ctx.seed, name);
  const vm: TopologyVm = { name, uuid, providerID: `vsphere://${uuid}`, role };
  if (pool !== undefined) vm.pool = pool;
  return vm;
}

function controlPlaneObjects(
  ctx: Context,
  clusterObj: KubeObject,
  count: number,
  endpoint: string,
  kubeconfig: string,
) {
  const kcpName = `${ctx.name}-control-plane`;
  const notController = { controller: false };
  const kcp = kubeadmControlPlane(ctx.ns, kcpName, ctx.v)
    .cluster(ctx.name)
    .replicas(count)
    .kubernetesVersion(ctx.k8s);
  const kcpObj = kcp.infrastructureTemplate(kcpName).withUID().ownedBy(clusterObj).build();
  const infra = vsphereCluster(ctx.ns, ctx.name, ctx.v)
    .cluster(ctx.name)
    .server(ctx.server)
    .endpoint(endpoint);
  if (ctx.thumbprint) infra.thumbprint(ctx.thumbprint);
  const template = vsphereMachineTemplate(ctx.ns, kcpName, ctx.v).cluster(ctx.name).server(ctx.server);
  const objects = [
    infra.withUID().ownedBy(clusterObj).build(),
    kcpObj,
    template.template(`ubuntu-2204-kube-${ctx.k8s}`).withUID().ownedBy(clusterObj, notController).build(),
    ...clusterSecrets(ctx.ns, ctx.name, kubeconfig).map((s) => s.withUID().ownedBy(kcpObj).build()),
  ];
  const vms = Array.from({ length: count }, () => newVm(ctx, machineName(ctx, kcpName), 'control-plane'));
  for (const [i, vm] of vms.entries()) {
    objects.push(...machineObjects(ctx, { vm, owner: kcpObj, init: i === 0, labels: {} }));
  }
  return { objects, vms };
}

function workerPoolObjects(ctx: Context, clusterObj: KubeObject, { pool, replicas }: WorkerPool) {
  const mdName = `${ctx.name}-${pool}`;
  const notController = { controller: false };
  const hash = seededHash(ctx.seed, mdName);
  const msName = `${mdName}-${seededSuffix(10, ctx.seed, mdName, 'set')}`;
  const md = machineDeployment(ctx.ns, mdName, ctx.v)
    .cluster(ctx.name)
    .replicas(replicas)
    .kubernetesVersion(ctx.k8s);
  const mdObj = md.withUID().ownedBy(clusterObj, notController).build();
  const ms = machineSet(ctx.ns, msName, ctx.v).cluster(ctx.name).deployment(mdName).templateHash(hash);
  const msObj = ms.replicas(replicas).kubernetesVersion(ctx.k8s).withUID().ownedBy(mdObj).build();
  const template = vsphereMachineTemplate(ctx.ns, mdName, ctx.v).cluster(ctx.name).server(ctx.server);
  const objects = [
    kubeadmConfigTemplate(ctx.ns, mdName, ctx.v)
      .cluster(ctx.name)
      .withUID()
      .ownedBy(clusterObj, notController)
      .build(),
    template.template(`ubuntu-2204-kube-${ctx.k8s}`).withUID().ownedBy(clusterObj, notController).build(),
    mdObj,
    msObj,
    machineHealthCheck(ctx.ns, mdName, ctx.v)
      .cluster(ctx.name)
      .selector({ [LABEL.deploymentName]: mdName })
      .withUID()
      .ownedBy(clusterObj, notController)
      .build(),
  ];
  const labels = {
    [LABEL.deploymentName]: mdName,
    [LABEL.setName]: msName,
    [LABEL.machineTemplateHash]: hash,
  };
  const vms = Array.from({ length: replicas }, () => newVm(ctx, machineName(ctx, msName), 'worker', pool));
  for (const vm of vms) objects.push(...machineObjects(ctx, { vm, owner: msObj, init: false, labels }));
  return { objects, vms };
}

/**
 * Every object a management cluster holds for one CAPV workload cluster, with uids and the
 * ownerReferences CAPI sets, and the VMs that exist for its machines. Control-plane machines
 * are `<cluster>-control-plane-<5>`, workers `<cluster>-<pool>-<hash>-<5>`; each machine's
 * KubeadmConfig, VSphereMachine, VSphereVM, VM and Node share its name and BIOS UUID.
 */
export function capiTopology(options: TopologyOptions): CapiTopology {
  const ctx: Context = {
    ns: options.namespace,
    name: options.name,
    v: options.apiVersion ?? DEFAULT_CAPI_VERSION,
    seed: options.seed ?? `${options.namespace}/${options.name}`,
    server: options.server,
    thumbprint: options.thumbprint,
    k8s: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    names: new Set(),
  };
  const endpoint = options.endpoint ?? seededEndpoint(ctx.seed);
  const kubeconfig = options.kubeconfig ?? workloadKubeconfig(ctx.name, `https://${endpoint}:6443`);
  const clusterObj = cluster(ctx.ns, ctx.name, ctx.v).endpoint(endpoint).withUID().build();
  const cp = controlPlaneObjects(ctx, clusterObj, options.controlPlane, endpoint, kubeconfig);
  const pools = (options.workers ?? []).map((pool) => workerPoolObjects(ctx, clusterObj, pool));
  return {
    objects: [clusterObj, ...cp.objects, ...pools.flatMap((p) => p.objects)],
    vms: [...cp.vms, ...pools.flatMap((p) => p.vms)],
  };
}

/** The workload-cluster Nodes for a topology's VMs (Ready, control-plane role where it applies). */
export function topologyNodes(
  vms: readonly TopologyVm[],
  kubernetesVersion = DEFAULT_KUBERNETES_VERSION,
): KubeObject[] {
  return vms.map((vm) => {
    const b = node(vm.name).providerID(vm.providerID).kubeletVersion(kubernetesVersion);
    return (vm.role === 'control-plane' ? b.controlPlane() : b).build();
  });
}
