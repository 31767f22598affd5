/** Assembles one cluster's topology from its grouped objects: control plane, pools, machines, health checks. */
import type {
  MachineRole,
  TopologyCluster,
  TopologyControlPlane,
  TopologyHealthCheck,
  TopologyMachine,
  TopologyPool,
  TopologyVSphereCluster,
} from './capi-topology.js';
import type { ObjectIndex, ObjectRef } from './capi-topology-refs.js';
import {
  biosUuidFromProviderID,
  CAPI_LABEL,
  field,
  normalizeUuid,
  numberField,
  ownerName,
  resolveRef,
  stringField,
} from './capi-topology-refs.js';
import { readKubeconfig } from './capi-topology-secrets.js';
import { fromLabelSelectorObject, matchesLabelSelector } from './label-selector.js';
import type { KubeObject } from './resource-key.js';

/** The objects of one cluster, grouped before assembly. */
export interface ClusterObjects {
  namespace: string;
  name: string;
  cluster: KubeObject | null;
  machines: KubeObject[];
  deployments: KubeObject[];
  machineSets: KubeObject[];
  healthChecks: KubeObject[];
}

function labelsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The VSphereVM of a VSphereMachine: the one it owns, else the one with its name. */
function findVSphereVM(index: ObjectIndex, ref: ObjectRef): KubeObject | undefined {
  const { group, namespace, name: vsphereMachine } = ref;
  const byName = index.get({ group, kind: 'VSphereVM', namespace, name: vsphereMachine });
  if (byName) return byName;
  return index
    .ofKind('VSphereVM')
    .find((vm) => vm.metadata.namespace === namespace && ownerName(vm, 'VSphereMachine') === vsphereMachine);
}

interface MachineContext {
  index: ObjectIndex;
  controlPlane: ObjectRef | null;
  setToPool: Map<string, string>;
}

function roleOf(obj: KubeObject, cp: ObjectRef | null): MachineRole {
  if (obj.metadata.labels && Object.hasOwn(obj.metadata.labels, CAPI_LABEL.controlPlane))
    return 'control-plane';
  const owned = cp !== null && ownerName(obj, cp.kind) === cp.name;
  return owned ? 'control-plane' : 'worker';
}

function readMachine(ctx: MachineContext, obj: KubeObject): TopologyMachine {
  const ns = obj.metadata.namespace ?? '';
  const labels = obj.metadata.labels ?? {};
  const role = roleOf(obj, ctx.controlPlane);
  const machineSet = labels[CAPI_LABEL.setName] ?? ownerName(obj, 'MachineSet');
  const pool =
    role === 'worker'
      ? (labels[CAPI_LABEL.deploymentName] ??
        (machineSet ? ctx.setToPool.get(machineSet) : undefined) ??
        null)
      : null;
  const providerID = stringField(obj, 'spec', 'providerID');
  const infrastructureRef = resolveRef(field(obj, 'spec', 'infrastructureRef'), ns);
  const isVSphere = infrastructureRef?.kind === 'VSphereMachine';
  const vsm = isVSphere && infrastructureRef ? ctx.index.get(infrastructureRef) : undefined;
  const vm = isVSphere && infrastructureRef ? findVSphereVM(ctx.index, infrastructureRef) : undefined;
  const vmUuid = normalizeUuid(stringField(vm, 'spec', 'biosUUID'));
  return {
    namespace: ns,
    name: obj.metadata.name,
    role,
    pool,
    machineSet,
    labels: { ...labels },
    phase: stringField(obj, 'status', 'phase'),
    deleting: typeof obj.metadata.deletionTimestamp === 'string',
    providerID,
    biosUuid: biosUuidFromProviderID(providerID) ?? vmUuid,
    nodeName: stringField(obj, 'status', 'nodeRef', 'name'),
    infrastructureRef,
    vsphereMachine: vsm ? vsm.metadata.name : null,
    vsphereVM: vm ? { name: vm.metadata.name, biosUuid: vmUuid } : null,
  };
}

function readControlPlane(index: ObjectIndex, g: ClusterObjects, problems: string[]): TopologyControlPlane {
  const ns = g.namespace;
  const ref = g.cluster ? resolveRef(field(g.cluster, 'spec', 'controlPlaneRef'), ns) : null;
  if (g.cluster && !ref) problems.push(`Cluster ${ns}/${g.name} has no spec.controlPlaneRef`);
  const obj = ref ? index.get(ref) : undefined;
  if (ref && !obj)
    problems.push(`control plane ${ref.kind} ${ref.namespace}/${ref.name} is not in the backup`);
  return { ref, found: obj !== undefined, desired: numberField(obj, 'spec', 'replicas'), machines: [] };
}

function readPools(g: ClusterObjects): { pools: Map<string, TopologyPool>; setToPool: Map<string, string> } {
  const setToPool = new Map<string, string>();
  for (const ms of g.machineSets) {
    const md = ms.metadata.labels?.[CAPI_LABEL.deploymentName] ?? ownerName(ms, 'MachineDeployment');
    if (md) setToPool.set(ms.metadata.name, md);
  }
  const pools = new Map<string, TopologyPool>();
  for (const md of g.deployments) {
    const name = md.metadata.name;
    pools.set(name, {
      name,
      found: true,
      desired: numberField(md, 'spec', 'replicas'),
      machineSets: [...setToPool].filter(([, pool]) => pool === name).map(([set]) => set),
      templateLabels: labelsOf(field(md, 'spec', 'template', 'metadata', 'labels')),
      machines: [],
      healthChecks: [],
    });
  }
  return { pools, setToPool };
}

function placeholderPool(name: string): TopologyPool {
  return {
    name,
    found: false,
    desired: null,
    machineSets: [],
    templateLabels: {},
    machines: [],
    healthChecks: [],
  };
}

function readHealthCheck(
  obj: KubeObject,
  cluster: TopologyCluster,
  problems: string[],
): TopologyHealthCheck | null {
  const name = obj.metadata.name;
  let selector: TopologyHealthCheck['selector'];
  try {
    selector = fromLabelSelectorObject(labelsSelectorObject(field(obj, 'spec', 'selector')));
  } catch (err) {
    problems.push(`MachineHealthCheck ${cluster.namespace}/${name} has an invalid selector: ${String(err)}`);
    return null;
  }
  // An empty selector is rejected by Cluster API's webhook; treat it as covering nothing.
  const matches = (labels: Record<string, string>): boolean =>
    selector.length > 0 && matchesLabelSelector(selector, labels);
  const base = { [CAPI_LABEL.clusterName]: cluster.name };
  const pools = cluster.pools
    .filter((p) => matches({ ...base, ...p.templateLabels }) || p.machines.some((m) => matches(m.labels)))
    .map((p) => p.name);
  const cpLabels = { ...base, [CAPI_LABEL.controlPlane]: '' };
  const coversControlPlane =
    matches(cpLabels) || cluster.controlPlane.machines.some((m) => matches(m.labels));
  return { name, selector, pools, coversControlPlane };
}

function labelsSelectorObject(value: unknown): Parameters<typeof fromLabelSelectorObject>[0] {
  return value && typeof value === 'object' ? (value as Parameters<typeof fromLabelSelectorObject>[0]) : {};
}

function readInfrastructure(
  index: ObjectIndex,
  g: ClusterObjects,
  problems: string[],
): TopologyVSphereCluster | null {
  if (!g.cluster) return null;
  const ref = resolveRef(field(g.cluster, 'spec', 'infrastructureRef'), g.namespace);
  if (ref?.kind !== 'VSphereCluster') return null;
  const obj = index.get(ref);
  if (!obj) problems.push(`VSphereCluster ${ref.namespace}/${ref.name} is not in the backup`);
  const identityKind = stringField(obj, 'spec', 'identityRef', 'kind');
  const identityName = stringField(obj, 'spec', 'identityRef', 'name');
  return {
    name: ref.name,
    server: stringField(obj, 'spec', 'server'),
    thumbprint: stringField(obj, 'spec', 'thumbprint'),
    identityRef: identityKind && identityName ? { kind: identityKind, name: identityName } : null,
  };
}

function endpointOf(clusterObj: KubeObject | null): string | null {
  const host = stringField(clusterObj, 'spec', 'controlPlaneEndpoint', 'host');
  const port = numberField(clusterObj, 'spec', 'controlPlaneEndpoint', 'port');
  if (!host) return null;
  return port === null ? host : `${host}:${port}`;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}

function describeMembers(g: ClusterObjects): string {
  const parts = [
    [g.machines.length, 'Machine'],
    [g.deployments.length, 'MachineDeployment'],
    [g.machineSets.length, 'MachineSet'],
    [g.healthChecks.length, 'MachineHealthCheck'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, kind]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
}

/** Places workers in their pools; machines of an unknown pool get a placeholder pool and a problem. */
function placeWorkers(machines: TopologyMachine[], pools: Map<string, TopologyPool>, problems: string[]) {
  const standalone: TopologyMachine[] = [];
  for (const m of machines) {
    if (m.pool === null) {
      standalone.push(m);
      continue;
    }
    let pool = pools.get(m.pool);
    if (!pool) {
      problems.push(`MachineDeployment ${m.namespace}/${m.pool} is not in the backup`);
      pool = placeholderPool(m.pool);
      pools.set(m.pool, pool);
    }
    pool.machines.push(m);
  }
  return standalone;
}

/** Builds one TopologyCluster; every inconsistency becomes a problem string. */
export function assembleCluster(index: ObjectIndex, g: ClusterObjects): TopologyCluster {
  const problems: string[] = [];
  const ns = g.namespace;
  if (!g.cluster)
    problems.push(`Cluster ${ns}/${g.name} is not in the backup, but ${describeMembers(g)} name it`);
  const controlPlane = readControlPlane(index, g, problems);
  const { pools, setToPool } = readPools(g);
  const machines = g.machines.map((m) =>
    readMachine({ index, controlPlane: controlPlane.ref, setToPool }, m),
  );
  machines.sort(byName);
  controlPlane.machines = machines.filter((m) => m.role === 'control-plane');
  const standaloneWorkers = placeWorkers(
    machines.filter((m) => m.role === 'worker'),
    pools,
    problems,
  );
  const kubeconfig = readKubeconfig(index, ns, g.name);
  if (g.cluster && kubeconfig.problem) problems.push(kubeconfig.problem);
  const cluster: TopologyCluster = {
    namespace: ns,
    name: g.name,
    apiVersion: g.cluster?.apiVersion ?? null,
    found: g.cluster !== null,
    paused: field(g.cluster, 'spec', 'paused') === true,
    labels: { ...(g.cluster?.metadata.labels ?? {}) },
    endpoint: endpointOf(g.cluster),
    controlPlane,
    pools: [...pools.values()].sort(byName),
    standaloneWorkers,
    machines,
    healthChecks: [],
    infrastructure: readInfrastructure(index, g, problems),
    kubeconfig,
    problems,
  };
  const checks = g.healthChecks.map((hc) => readHealthCheck(hc, cluster, problems));
  cluster.healthChecks = checks.filter((hc): hc is TopologyHealthCheck => hc !== null).sort(byName);
  for (const pool of cluster.pools) {
    pool.healthChecks = cluster.healthChecks
      .filter((hc) => hc.pools.includes(pool.name))
      .map((hc) => hc.name);
  }
  return cluster;
}
