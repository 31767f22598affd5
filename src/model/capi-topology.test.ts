/** buildTopology: both Cluster API versions, links from Machines to infrastructure, problems, secret safety. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CapiVersion, TopologyOptions } from '../lab/builders/index.js';
import { capiTopology, machine, secret } from '../lab/builders/index.js';
import { biosUuidFromProviderID, buildTopology, clusterId, sameUuid } from './capi-topology.js';
import type { KubeObject } from './resource-key.js';

const base: TopologyOptions = {
  namespace: 'prod',
  name: 'wc1',
  controlPlane: 3,
  workers: [
    { pool: 'md-0', replicas: 2 },
    { pool: 'md-1', replicas: 1 },
  ],
  server: 'vcenter.example.com',
  thumbprint: 'AA:BB:CC',
};

const VERSIONS: CapiVersion[] = ['v1beta1', 'v1beta2'];

function without(objects: KubeObject[], kind: string, name?: string): KubeObject[] {
  return objects.filter((o) => !(o.kind === kind && (name === undefined || o.metadata.name === name)));
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('buildTopology', () => {
  it.each(VERSIONS)(
    'reads a %s cluster: control plane, pools, machines, health checks, vCenter',
    (version) => {
      const built = capiTopology({ ...base, apiVersion: version });
      const topology = buildTopology(built.objects);
      expect(topology.problems).toEqual([]);
      const c = only(topology.clusters);
      expect(c).toMatchObject({ namespace: 'prod', name: 'wc1', found: true, paused: false, problems: [] });
      expect(c.apiVersion).toBe(`cluster.x-k8s.io/${version}`);
      expect(clusterId(c)).toBe('prod/wc1');
      expect(c.controlPlane).toMatchObject({
        ref: {
          kind: 'KubeadmControlPlane',
          name: 'wc1-control-plane',
          group: 'controlplane.cluster.x-k8s.io',
        },
        found: true,
        desired: 3,
      });
      expect(c.controlPlane.machines).toHaveLength(3);
      expect(c.pools.map((p) => [p.name, p.desired, p.machines.length, p.machineSets.length])).toEqual([
        ['wc1-md-0', 2, 2, 1],
        ['wc1-md-1', 1, 1, 1],
      ]);
      expect(c.pools.map((p) => p.healthChecks)).toEqual([['wc1-md-0'], ['wc1-md-1']]);
      expect(c.healthChecks.map((h) => [h.name, h.pools, h.coversControlPlane])).toEqual([
        ['wc1-md-0', ['wc1-md-0'], false],
        ['wc1-md-1', ['wc1-md-1'], false],
      ]);
      expect(c.infrastructure).toEqual({
        name: 'wc1',
        server: 'vcenter.example.com',
        thumbprint: 'AA:BB:CC',
        identityRef: null,
      });
      for (const vm of built.vms) {
        const m = c.machines.find((x) => x.name === vm.name);
        expect(m).toMatchObject({
          role: vm.role,
          pool: vm.pool ? `wc1-${vm.pool}` : null,
          providerID: vm.providerID,
          biosUuid: vm.uuid,
          nodeName: vm.name,
          vsphereMachine: vm.name,
          vsphereVM: { name: vm.name, biosUuid: vm.uuid },
        });
      }
    },
  );

  it('decodes the kubeconfig but never prints or serialises it', () => {
    const c = only(buildTopology(capiTopology({ ...base, endpoint: '10.1.2.3' }).objects).clusters);
    expect(c.kubeconfig).toMatchObject({
      secretName: 'wc1-kubeconfig',
      server: 'https://10.1.2.3:6443',
      problem: null,
    });
    const text = c.kubeconfig.value?.reveal() ?? '';
    expect(text).toContain('client-key-data');
    for (const printed of [JSON.stringify(c), inspect(c, { depth: 10 }), `${c.kubeconfig.value}`]) {
      expect(printed).not.toContain('client-key-data');
      expect(printed).toContain('redacted');
    }
  });

  it.each([
    {
      name: 'a Machine whose Cluster is not in the backup gives a placeholder cluster',
      edit: (o: KubeObject[]) => without(o, 'Cluster'),
      problem: /Cluster prod\/wc1 is not in the backup, but 6 Machines, 2 MachineDeployments/,
      found: false,
    },
    {
      name: 'a cluster without its control plane',
      edit: (o: KubeObject[]) => without(o, 'KubeadmControlPlane'),
      problem: /control plane KubeadmControlPlane prod\/wc1-control-plane is not in the backup/,
      found: true,
    },
    {
      name: 'a kubeconfig that is not base64',
      edit: (o: KubeObject[]) => [
        ...without(o, 'Secret', 'wc1-kubeconfig'),
        { ...secret('prod', 'wc1-kubeconfig').build(), data: { value: '!!not base64!!' } },
      ],
      problem: /data "value" is not valid base64/,
      found: true,
    },
    {
      name: 'a kubeconfig that names no cluster',
      edit: (o: KubeObject[]) => [
        ...without(o, 'Secret', 'wc1-kubeconfig'),
        secret('prod', 'wc1-kubeconfig').data({ value: 'apiVersion: v1\nkind: Config\n' }).build(),
      ],
      problem: /kubeconfig in Secret prod\/wc1-kubeconfig names no clusters/,
      found: true,
    },
    {
      name: 'a missing kubeconfig Secret',
      edit: (o: KubeObject[]) => without(o, 'Secret', 'wc1-kubeconfig'),
      problem: /Secret prod\/wc1-kubeconfig is not in the backup/,
      found: true,
    },
    {
      name: 'a Machine of a MachineDeployment that is not in the backup',
      edit: (o: KubeObject[]) => without(o, 'MachineDeployment', 'wc1-md-1'),
      problem: /MachineDeployment prod\/wc1-md-1 is not in the backup/,
      found: true,
    },
  ])('collects a problem for $name instead of throwing', ({ edit, problem, found }) => {
    const topology = buildTopology(edit(capiTopology(base).objects));
    const c = only(topology.clusters);
    expect(c.found).toBe(found);
    expect(c.problems.join('\n')).toMatch(problem);
    expect(c.machines).toHaveLength(6);
  });

  it('reports a Machine that names no cluster at the topology level', () => {
    const orphan = machine('prod', 'lost').build();
    const topology = buildTopology([...capiTopology(base).objects, orphan]);
    expect(topology.problems).toEqual(['Machine prod/lost names no cluster']);
  });

  it('finds the control-plane role by ownership when the label is missing', () => {
    const objects = capiTopology(base).objects.map((o) => {
      if (o.kind !== 'Machine' || !o.metadata.name.includes('control-plane')) return o;
      const labels = { ...o.metadata.labels };
      delete labels['cluster.x-k8s.io/control-plane'];
      return { ...o, metadata: { ...o.metadata, labels } };
    });
    expect(only(buildTopology(objects).clusters).controlPlane.machines).toHaveLength(3);
  });

  it('sorts several clusters and keeps same-named clusters of different namespaces apart', () => {
    const objects = [
      ...capiTopology({ ...base, namespace: 'b', name: 'x' }).objects,
      ...capiTopology({ ...base, namespace: 'a', name: 'x' }).objects,
    ];
    const topology = buildTopology(objects);
    expect(topology.clusters.map(clusterId)).toEqual(['a/x', 'b/x']);
    expect(topology.clusters.map((c) => c.machines.length)).toEqual([6, 6]);
  });
});

describe('BIOS UUIDs', () => {
  it.each([
    ['vsphere://4231A2B3-0000-1111-2222-333344445555', '4231a2b3-0000-1111-2222-333344445555'],
    ['vsphere:///4231a2b3-0000-1111-2222-333344445555', '4231a2b3-0000-1111-2222-333344445555'],
    ['aws:///us-east-1a/i-0abc', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (providerID, uuid) => {
    expect(biosUuidFromProviderID(providerID)).toBe(uuid);
  });

  it('compares UUIDs case-insensitively and never matches nulls', () => {
    expect(sameUuid('4231ABCD-0000', '4231abcd-0000')).toBe(true);
    expect(sameUuid(null, null)).toBe(false);
  });
});
