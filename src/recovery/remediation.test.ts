/** Remediation steps: TKG's order per finding, exact commands, and nothing automated that needs a human. */
import { describe, expect, it } from 'vitest';
import { extraVm, fixtureCluster, nodeRecord, vmRecord } from '../../test/support/recovery/fixtures.js';
import { buildTopology, type TopologyCluster } from '../model/capi-topology.js';
import type { RemediationContext } from './remediation.js';
import { ghostSteps, shellQuote, staleClusterSteps, staleMachineSteps } from './remediation.js';

function clusterOf(options = {}): TopologyCluster {
  const [cluster] = buildTopology(fixtureCluster(options).objects).clusters;
  if (!cluster) throw new Error('no cluster');
  return cluster;
}

function context(cluster: TopologyCluster, overrides: Partial<RemediationContext> = {}): RemediationContext {
  return {
    cluster,
    quorum: { desired: 3, healthy: 3, needed: 2, holds: true },
    etcdNode: 'wc1-control-plane-aaaaa',
    expectedReplicas: new Map([['wc1-md-0', 3]]),
    nodesChecked: true,
    ...overrides,
  };
}

const ghostVm = extraVm('wc1-md-0-abcdefghij-zz9zz', '4200ffff-0000-4000-8000-000000000001');

describe('ghostSteps', () => {
  it.each([
    {
      name: 'a joined worker ghost is scaled for, drained, deleted as Node, then as VM',
      role: 'worker' as const,
      pool: 'wc1-md-0',
      node: true,
      nodesChecked: true,
      steps: [
        ['scale-pool', true],
        ['drain', true],
        ['delete-node', true],
        ['power-off-vm', true],
        ['destroy-vm', true],
      ],
    },
    {
      name: 'a worker VM that never joined only loses its VM',
      role: 'worker' as const,
      pool: 'wc1-md-0',
      node: false,
      nodesChecked: true,
      steps: [
        ['power-off-vm', true],
        ['destroy-vm', true],
      ],
    },
    {
      name: 'a worker VM whose Nodes could not be read is drained in case it joined',
      role: 'worker' as const,
      pool: 'wc1-md-0',
      node: false,
      nodesChecked: false,
      steps: [
        ['drain', true],
        ['delete-node', true],
        ['power-off-vm', true],
        ['destroy-vm', true],
      ],
    },
    {
      name: 'a worker of no known pool gets a manual scaling step',
      role: 'worker' as const,
      pool: null,
      node: true,
      nodesChecked: true,
      steps: [
        ['manual', false],
        ['drain', true],
        ['delete-node', true],
        ['power-off-vm', true],
        ['destroy-vm', true],
      ],
    },
    {
      name: 'a control-plane ghost loses its Node, its etcd member (by hand) and its VM',
      role: 'control-plane' as const,
      pool: null,
      node: true,
      nodesChecked: true,
      steps: [
        ['delete-node', true],
        ['remove-etcd-member', false],
        ['power-off-vm', true],
        ['destroy-vm', true],
      ],
    },
    {
      name: 'a VM of unknown role is only ever handled by hand',
      role: 'unknown' as const,
      pool: null,
      node: false,
      nodesChecked: true,
      steps: [
        ['manual', false],
        ['power-off-vm', false],
        ['destroy-vm', false],
      ],
    },
  ])('$name', ({ role, pool, node, nodesChecked, steps }) => {
    const ctx = context(clusterOf(), { nodesChecked });
    const ghost = {
      name: ghostVm.name,
      role,
      pool,
      vm: vmRecord(ghostVm),
      node: node ? nodeRecord(ghostVm) : null,
    };
    const result = ghostSteps(ctx, ghost);
    expect(result.map((s) => [s.action.type, s.action.automated])).toEqual(steps);
    expect(result.map((s) => s.order)).toEqual(steps.map((_, i) => i + 1));
  });

  it('names the exact etcdctl command on a healthy control-plane node', () => {
    const ghost = {
      name: 'wc1-control-plane-zz9zz',
      role: 'control-plane' as const,
      pool: null,
      vm: null,
      node: nodeRecord({ ...ghostVm, name: 'wc1-control-plane-zz9zz', role: 'control-plane' }),
    };
    const remove = ghostSteps(context(clusterOf()), ghost).find(
      (s) => s.action.type === 'remove-etcd-member',
    );
    expect(remove?.command).toBe(
      'kubectl --kubeconfig <wc1-kubeconfig> -n kube-system exec etcd-wc1-control-plane-aaaaa -- etcdctl ' +
        '--cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt ' +
        '--key /etc/kubernetes/pki/etcd/server.key member remove <member-id>',
    );
    expect(remove?.action.target).toEqual({
      plane: 'workload',
      cluster: 'prod/wc1',
      kind: 'EtcdMember',
      name: 'wc1-control-plane-zz9zz',
    });
  });

  it('selects a VM without a BIOS UUID by its quoted inventory path', () => {
    const vm = vmRecord({ name: "wc1-md-0-it's here", uuid: '' }, { biosUuid: null });
    const steps = ghostSteps(context(clusterOf()), {
      name: vm.name,
      role: 'worker',
      pool: 'wc1-md-0',
      vm,
      node: null,
    });
    expect(steps.map((s) => s.command)).toEqual([
      `govc vm.power -off -vm.ipath '/DC0/vm/wc1-md-0-it'\\''s here'`,
      `govc vm.destroy -vm.ipath '/DC0/vm/wc1-md-0-it'\\''s here'`,
    ]);
  });
});

describe('staleMachineSteps', () => {
  it('lets a MachineHealthCheck covering the control plane replace a stale member once quorum is checked', () => {
    const cluster = clusterOf();
    cluster.healthChecks.push({ name: 'wc1-cp', selector: [], pools: [], coversControlPlane: true });
    const machine = cluster.controlPlane.machines[0];
    if (!machine) throw new Error('no machine');
    const steps = staleMachineSteps(context(cluster), machine);
    expect(steps.map((s) => s.action.type)).toEqual(['manual', 'manual']);
    expect(steps[1]?.description).toMatch(/^None needed: MachineHealthCheck wc1-cp covers the control plane/);
  });

  it('deletes a stale standalone worker after restore', () => {
    const cluster = clusterOf();
    const machine = { ...cluster.pools[0]!.machines[0]!, pool: null };
    const [only] = staleMachineSteps(context(cluster), machine);
    expect(only?.action).toMatchObject({
      type: 'delete-machine',
      automated: true,
      target: { plane: 'management', namespace: 'prod' },
    });
  });
});

describe('staleClusterSteps', () => {
  it('deletes a gone cluster before unpausing it, by hand', () => {
    const steps = staleClusterSteps(clusterOf());
    expect(steps.map((s) => [s.order, s.action.type, s.action.automated, s.action.target.kind])).toEqual([
      [1, 'manual', false, 'Cluster'],
      [2, 'manual', false, 'Cluster'],
    ]);
  });
});

describe('shellQuote', () => {
  it.each([
    ['wc1-md-0-abc', 'wc1-md-0-abc'],
    ['/DC0/vm/a b', "'/DC0/vm/a b'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ["it's", "'it'\\''s'"],
  ])('quotes %j as %j', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
