/** matchEvidence: UUID before name, which cluster a ghost belongs to, unrelated VMs left alone. */
import { describe, expect, it } from 'vitest';
import {
  extraVm,
  fixtureCluster,
  matchingEvidence,
  nodeRecord,
  vmRecord,
} from '../../test/support/recovery/fixtures.js';
import { buildTopology } from '../model/capi-topology.js';
import type { Evidence } from './evidence.js';
import { matchEvidence, vcenterHost } from './match.js';
import { clusterPrefixes } from './match-ghosts.js';

function ghostsOf(evidence: Evidence, clusters = [fixtureCluster()]) {
  const topology = buildTopology(clusters.flatMap((c) => c.objects));
  return matchEvidence(topology.clusters, evidence).map((r) => ({
    id: `${r.cluster.namespace}/${r.cluster.name}`,
    ghosts: r.ghosts.map((g) => ({
      name: g.vm?.name ?? g.node?.name,
      role: g.role,
      pool: g.pool,
      linkedBy: g.linkedBy,
    })),
  }));
}

function withVms(c: ReturnType<typeof fixtureCluster>, names: string[]): Evidence {
  const e = matchingEvidence([c]);
  if (e.vsphere.state !== 'checked') throw new Error('unreachable');
  const extra = names.map((name, i) => vmRecord(extraVm(name, `4200dddd-0000-4000-8000-00000000000${i}`)));
  return { ...e, vsphere: { ...e.vsphere, vms: [...e.vsphere.vms, ...extra] } };
}

describe('matchEvidence', () => {
  it.each([
    {
      name: 'a VM with a pool prefix is a worker ghost of that pool',
      vm: 'wc1-md-0-abcdefghij-zz9zz',
      role: 'worker',
      pool: 'wc1-md-0',
    },
    {
      name: 'a VM with the control-plane prefix is a control-plane ghost',
      vm: 'wc1-control-plane-zz9zz',
      role: 'control-plane',
      pool: null,
    },
    {
      name: 'a VM with only the cluster prefix has an unknown role',
      vm: 'wc1-jumpbox',
      role: 'unknown',
      pool: null,
    },
  ])('$name', ({ vm, role, pool }) => {
    const c = fixtureCluster();
    const [result] = ghostsOf(withVms(c, [vm]), [c]);
    expect(result?.ghosts).toEqual([
      { name: vm, role, pool, linkedBy: expect.stringContaining('carries the prefix') },
    ]);
  });

  it.each(['ubuntu-2204-kube-v1.30.4', 'wc10-md-0-abcdefghij-zz9zz', 'wc1', 'vcenter-appliance'])(
    'leaves %s alone: it carries no prefix of the cluster',
    (vm) => {
      const c = fixtureCluster();
      expect(ghostsOf(withVms(c, [vm]), [c])).toEqual([{ id: 'prod/wc1', ghosts: [] }]);
    },
  );

  it('gives a VM to the cluster with the longest matching prefix', () => {
    const short = fixtureCluster({ name: 'prod' });
    const long = fixtureCluster({ name: 'prod-eu' });
    const e = withVms(short, ['prod-eu-md-0-abcdefghij-zz9zz', 'prod-md-1-abcdefghij-zz9zz']);
    const result = ghostsOf({ ...e, vsphere: e.vsphere }, [short, long]);
    expect(result.map((r) => [r.id, r.ghosts.map((g) => g.pool)])).toEqual([
      ['prod/prod', ['prod-md-1']],
      ['prod/prod-eu', ['prod-eu-md-0']],
    ]);
  });

  it('says when two clusters share a prefix (same name in two namespaces)', () => {
    const a = fixtureCluster({ namespace: 'a', name: 'x' });
    const b = fixtureCluster({ namespace: 'b', name: 'x' });
    const [first, second] = ghostsOf(withVms(a, ['x-md-0-abcdefghij-zz9zz']), [a, b]);
    expect(first?.ghosts[0]?.linkedBy).toContain('(also the prefix of b/x)');
    expect(second?.ghosts).toEqual([]);
  });

  it('pairs a ghost Node with its VM by providerID even when names differ', () => {
    const c = fixtureCluster();
    const extra = extraVm('wc1-md-0-abcdefghij-zz9zz', '4200eeee-0000-4000-8000-000000000001');
    const e = matchingEvidence([c]);
    if (e.vsphere.state !== 'checked' || e.nodes[c.id]?.state !== 'checked') throw new Error('unreachable');
    const nodes = e.nodes[c.id];
    const evidence: Evidence = {
      vsphere: { ...e.vsphere, vms: [...e.vsphere.vms, vmRecord({ ...extra, name: 'renamed-in-vcenter' })] },
      nodes: {
        [c.id]: {
          state: 'checked',
          nodes: [...(nodes?.state === 'checked' ? nodes.nodes : []), nodeRecord(extra)],
        },
      },
    };
    const [result] = matchEvidence(buildTopology(c.objects).clusters, evidence);
    expect(result?.ghosts).toHaveLength(1);
    expect(result?.ghosts[0]).toMatchObject({
      vm: { name: 'renamed-in-vcenter' },
      node: { name: extra.name },
      role: 'worker',
      pool: 'wc1-md-0',
    });
  });

  it('uses the pool, control-plane and cluster prefixes a cluster actually has', () => {
    const [cluster] = buildTopology(fixtureCluster().objects).clusters;
    expect(cluster && clusterPrefixes(cluster)).toEqual([
      'wc1-control-plane-',
      'wc1-md-0-',
      'wc1-md-1-',
      'wc1-',
    ]);
  });

  it.each([
    ['https://VC.example.com/sdk', 'vc.example.com'],
    ['vc.example.com:443', 'vc.example.com'],
    ['[fe80::1]:443', '[fe80::1]'],
  ])('compares vCenter %s as host %s', (server, host) => {
    expect(vcenterHost(server)).toBe(host);
  });
});
