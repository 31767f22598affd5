/** capiTopology: object counts, names, UUIDs, owner graph, ref shapes and determinism. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../model/resource-key.js';
import type { CapiVersion } from './capi.js';
import type { TopologyOptions } from './topology.js';
import { capiTopology, topologyNodes } from './topology.js';

const base: TopologyOptions = {
  namespace: 'prod',
  name: 'wc1',
  controlPlane: 3,
  workers: [
    { pool: 'md-0', replicas: 2 },
    { pool: 'md-1', replicas: 1 },
  ],
  server: 'vcenter.example.com',
};

const VERSIONS: CapiVersion[] = ['v1beta1', 'v1beta2'];

function countKinds(objects: KubeObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return counts;
}

function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Every nested object in a spec that looks like a reference (has kind and name). */
function refsIn(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && typeof record.name === 'string') out.push(record);
    for (const child of Object.values(record)) refsIn(child, out);
  }
  return out;
}

describe('capiTopology', () => {
  it.each([
    {
      name: 'a 3 + 2 + 1 cluster',
      options: base,
      counts: {
        Cluster: 1,
        VSphereCluster: 1,
        KubeadmControlPlane: 1,
        VSphereMachineTemplate: 3,
        Secret: 5,
        KubeadmConfigTemplate: 2,
        MachineDeployment: 2,
        MachineSet: 2,
        MachineHealthCheck: 2,
        Machine: 6,
        KubeadmConfig: 6,
        VSphereMachine: 6,
        VSphereVM: 6,
      },
      vms: 6,
    },
    {
      name: 'a single control-plane cluster without workers',
      options: { ...base, controlPlane: 1, workers: [] },
      counts: {
        Cluster: 1,
        VSphereCluster: 1,
        KubeadmControlPlane: 1,
        VSphereMachineTemplate: 1,
        Secret: 5,
        Machine: 1,
        KubeadmConfig: 1,
        VSphereMachine: 1,
        VSphereVM: 1,
      },
      vms: 1,
    },
  ])('builds every object of $name', ({ options, counts, vms }) => {
    const topology = capiTopology(options);
    expect(countKinds(topology.objects)).toEqual(counts);
    expect(topology.vms).toHaveLength(vms);
  });

  it('names machines like CAPI and gives each a vSphere BIOS UUID providerID', () => {
    const { vms } = capiTopology(base);
    expect(vms.map((vm) => [vm.role, vm.pool ?? '-'])).toEqual([
      ['control-plane', '-'],
      ['control-plane', '-'],
      ['control-plane', '-'],
      ['worker', 'md-0'],
      ['worker', 'md-0'],
      ['worker', 'md-1'],
    ]);
    for (const vm of vms) {
      const pattern =
        vm.role === 'control-plane'
          ? /^wc1-control-plane-[a-z0-9]{5}$/
          : /^wc1-md-\d-[a-z0-9]{10}-[a-z0-9]{5}$/;
      expect(vm.name).toMatch(pattern);
      expect(vm.uuid).toMatch(/^42[0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(vm.providerID).toBe(`vsphere://${vm.uuid}`);
    }
    expect(new Set(vms.map((vm) => vm.name)).size).toBe(vms.length);
  });

  it.each(VERSIONS)(
    'ties each %s Machine to its VSphereMachine, VSphereVM, KubeadmConfig and Node by name and UUID',
    (version) => {
      const { objects, vms } = capiTopology({ ...base, apiVersion: version });
      for (const vm of vms) {
        const m = find(objects, 'Machine', vm.name);
        expect(m.spec).toMatchObject({ providerID: vm.providerID, clusterName: 'wc1' });
        expect(m.status).toMatchObject({ phase: 'Running', nodeRef: { name: vm.name } });
        expect(find(objects, 'VSphereMachine', vm.name).spec).toMatchObject({ providerID: vm.providerID });
        expect(find(objects, 'VSphereVM', vm.name).spec).toMatchObject({
          biosUUID: vm.uuid,
          server: base.server,
        });
        expect(find(objects, 'KubeadmConfig', vm.name).apiVersion).toBe(
          `bootstrap.cluster.x-k8s.io/${version}`,
        );
      }
    },
  );

  it.each(VERSIONS)('resolves every %s ownerReference to an object of the topology', (version) => {
    const { objects } = capiTopology({ ...base, apiVersion: version });
    const byUid = new Map(objects.map((o) => [o.metadata.uid, o]));
    for (const o of objects) {
      if (o.kind === 'Cluster') continue;
      const owners = o.metadata.ownerReferences ?? [];
      expect(owners.length, `${o.kind} ${o.metadata.name}`).toBeGreaterThan(0);
      for (const ref of owners) {
        const owner = byUid.get(ref.uid);
        expect(owner && [owner.apiVersion, owner.kind, owner.metadata.name]).toEqual([
          ref.apiVersion,
          ref.kind,
          ref.name,
        ]);
      }
    }
  });

  it.each([
    {
      owned: 'Machine',
      owner: 'KubeadmControlPlane',
      where: (o: KubeObject) => o.metadata.name.includes('control-plane'),
    },
    { owned: 'Machine', owner: 'MachineSet', where: (o: KubeObject) => o.metadata.name.includes('-md-') },
    { owned: 'MachineSet', owner: 'MachineDeployment', where: () => true },
    { owned: 'VSphereVM', owner: 'VSphereMachine', where: () => true },
    { owned: 'Secret', owner: 'KubeadmControlPlane', where: () => true },
  ])('makes the $owner the controller of each $owned', ({ owned, owner, where }) => {
    const { objects } = capiTopology(base);
    const targets = objects.filter((o) => o.kind === owned && where(o));
    expect(targets.length).toBeGreaterThan(0);
    for (const o of targets) {
      expect(o.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: owner, controller: true }),
      ]);
    }
  });

  it.each([
    { version: 'v1beta1' as const, present: 'apiVersion', absent: 'apiGroup' },
    { version: 'v1beta2' as const, present: 'apiGroup', absent: 'apiVersion' },
  ])('writes $version Cluster API refs with $present, never $absent', ({ version, present, absent }) => {
    const { objects } = capiTopology({ ...base, apiVersion: version });
    const capi = objects.filter((o) => o.apiVersion.includes('cluster.x-k8s.io/'));
    expect(new Set(capi.map((o) => o.apiVersion.split('/')[1]))).toEqual(new Set([version]));
    const refs = capi.flatMap((o) => refsIn(o.spec)).filter((r) => r.kind !== 'Secret' && r.kind !== 'Node');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toHaveProperty(present);
      expect(ref).not.toHaveProperty(absent);
    }
  });

  it('labels every object with its cluster and workers with their deployment and set', () => {
    const { objects, vms } = capiTopology(base);
    for (const o of objects) expect(o.metadata.labels?.['cluster.x-k8s.io/cluster-name'], o.kind).toBe('wc1');
    for (const vm of vms) {
      const labels = find(objects, 'Machine', vm.name).metadata.labels ?? {};
      if (vm.role === 'control-plane') expect(labels['cluster.x-k8s.io/control-plane']).toBe('');
      else {
        expect(labels['cluster.x-k8s.io/deployment-name']).toBe(`wc1-${vm.pool}`);
        expect(vm.name.startsWith(`${labels['cluster.x-k8s.io/set-name']}-`)).toBe(true);
      }
    }
  });

  it('stores a kubeconfig pointing at the control-plane endpoint, or the one given', () => {
    const decode = (o: KubeObject): string =>
      Buffer.from((o.data as { value: string }).value, 'base64').toString();
    const generated = capiTopology({ ...base, endpoint: '10.0.0.10' });
    const kubeconfig = parse(decode(find(generated.objects, 'Secret', 'wc1-kubeconfig')));
    expect(kubeconfig.clusters[0].cluster.server).toBe('https://10.0.0.10:6443');
    expect(find(generated.objects, 'Cluster', 'wc1').spec).toMatchObject({
      controlPlaneEndpoint: { host: '10.0.0.10' },
    });
    const given = capiTopology({ ...base, kubeconfig: 'apiVersion: v1\nkind: Config\n' });
    expect(decode(find(given.objects, 'Secret', 'wc1-kubeconfig'))).toBe('apiVersion: v1\nkind: Config\n');
  });

  it.each([
    { name: 'is identical for the same options', other: base, same: true },
    { name: 'changes names and UUIDs with the seed', other: { ...base, seed: 'another' }, same: false },
    {
      name: 'changes names and UUIDs with the namespace',
      other: { ...base, namespace: 'staging' },
      same: false,
    },
  ])('a topology $name', ({ other, same }) => {
    const a = capiTopology(base).vms.map((vm) => [vm.name, vm.uuid]);
    const b = capiTopology(other).vms.map((vm) => [vm.name, vm.uuid]);
    if (same) expect(b).toEqual(a);
    else expect(b.flat().some((value) => a.flat().includes(value))).toBe(false);
  });

  it('gives the VMs Nodes with the same names, provider IDs and roles', () => {
    const { vms } = capiTopology(base);
    const nodes = topologyNodes(vms);
    expect(nodes.map((n) => [n.metadata.name, (n.spec as { providerID: string }).providerID])).toEqual(
      vms.map((vm) => [vm.name, vm.providerID]),
    );
    const controlPlane = nodes.filter(
      (n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}),
    );
    expect(controlPlane).toHaveLength(3);
  });
});
