/** buildReport over builder topologies and synthetic evidence: the drift scenarios of TKG's guide. */
import { describe, expect, it } from 'vitest';
import {
  BACKUP,
  extraVm,
  fixtureCluster,
  matchingEvidence,
  nodeRecord,
  SERVER,
  vmRecord,
} from '../../test/support/recovery/fixtures.js';
import {
  addNodes,
  addVms,
  dropNodes,
  dropVms,
  machines,
  only,
  report,
  statuses,
  worker,
} from '../../test/support/recovery/report-helpers.js';
import type { CapiVersion } from '../lab/builders/index.js';
import type { Evidence } from './evidence.js';
import { exitCodeFor } from './report.js';

const VERSIONS: CapiVersion[] = ['v1beta1', 'v1beta2'];

describe('buildReport', () => {
  it.each(VERSIONS)('finds a %s cluster whose every VM and Node exists Healthy (exit 0)', (version) => {
    const c = fixtureCluster({ apiVersion: version });
    const r = report(c.objects, matchingEvidence([c]), { vsphereServer: SERVER, insecureSkipVerify: true });
    expect(r).toMatchObject({
      apiVersion: 'driftline.dev/v1alpha1',
      kind: 'RecoveryDriftReport',
      backup: BACKUP,
      generatedAt: '2026-01-02T03:04:05.000Z',
      options: { insecureSkipVerify: true, skipAccessApiserver: false, vsphereServer: SERVER },
      summary: {
        status: 'Healthy',
        counts: { desired: 6, machines: 6, vms: 6, nodes: 6, clusters: 1, ghosts: 0 },
      },
    });
    const cluster = only(r.clusters);
    expect(cluster).toMatchObject({ status: 'Healthy', stale: false, ghosts: [], problems: [] });
    expect(statuses(cluster)).toEqual({ Healthy: 6 });
    expect(cluster.controlPlane).toMatchObject({
      kind: 'KubeadmControlPlane',
      desired: 3,
      counts: { vms: 3, nodes: 3 },
    });
    expect(cluster.workers.pools.map((p) => [p.name, p.status, p.desired, p.counts.nodes])).toEqual([
      ['wc1-md-0', 'Healthy', 2, 2],
      ['wc1-md-1', 'Healthy', 1, 1],
    ]);
    expect(machines(cluster).every((m) => m.remediation.length === 0)).toBe(true);
    expect(exitCodeFor(r)).toBe(0);
  });

  it.each(VERSIONS)('marks a %s worker removed by a scale-down after the backup Stale', (version) => {
    const c = fixtureCluster({ apiVersion: version });
    const gone = worker(c, 'md-0');
    const evidence = dropNodes(dropVms(matchingEvidence([c]), [gone.name]), c.id, [gone.name]);
    const cluster = only(report(c.objects, evidence).clusters);
    const stale = machines(cluster).find((m) => m.name === gone.name);
    expect(stale).toMatchObject({ status: 'Stale', vm: null, node: null, role: 'worker', pool: 'wc1-md-0' });
    expect(stale?.reason).toContain(`no VM with BIOS UUID ${gone.uuid}`);
    const pool = cluster.workers.pools.find((p) => p.name === 'wc1-md-0');
    expect(pool).toMatchObject({ status: 'Drifted', desired: 2, counts: { machines: 2, vms: 1, nodes: 1 } });
    expect([cluster.workers.status, cluster.controlPlane.status, cluster.status]).toEqual([
      'Drifted',
      'Healthy',
      'Drifted',
    ]);
  });

  it.each([
    {
      name: 'needs no action when a MachineHealthCheck covers the pool',
      drop: [] as string[],
      types: ['manual'],
      command: /get machines\.cluster\.x-k8s\.io -l cluster\.x-k8s\.io\/deployment-name=wc1-md-0/,
    },
    {
      name: 'deletes the stale Machine after restore when no MachineHealthCheck covers the pool',
      drop: ['MachineHealthCheck'],
      types: ['delete-machine'],
      command:
        /^kubectl --kubeconfig <mgmt-kubeconfig> -n prod delete machines\.cluster\.x-k8s\.io wc1-md-0-/,
    },
  ])('remediating a stale worker $name', ({ drop, types, command }) => {
    const c = fixtureCluster();
    const gone = worker(c, 'md-0');
    const evidence = dropNodes(dropVms(matchingEvidence([c]), [gone.name]), c.id, [gone.name]);
    const objects = c.objects.filter((o) => !drop.includes(o.kind));
    const cluster = only(report(objects, evidence).clusters);
    const stale = machines(cluster).find((m) => m.name === gone.name);
    expect(stale?.remediation.map((s) => s.action.type)).toEqual(types);
    expect(stale?.remediation[0]?.command).toMatch(command);
  });

  it('reports a worker added by a scale-up after the backup as a ghost Node with its VM', () => {
    const c = fixtureCluster();
    const extra = extraVm(
      `${worker(c, 'md-0').name.slice(0, -5)}zzzzz`,
      '4200aaaa-0000-4000-8000-000000000001',
    );
    const evidence = addNodes(addVms(matchingEvidence([c]), [vmRecord(extra)]), c.id, [nodeRecord(extra)]);
    const cluster = only(report(c.objects, evidence).clusters);
    const ghost = only(cluster.ghosts);
    expect(ghost).toMatchObject({
      kind: 'Node',
      name: extra.name,
      role: 'worker',
      pool: 'wc1-md-0',
      uuid: extra.uuid,
    });
    expect(ghost.evidence).toContain(
      "because the cluster's API server lists it as a Node; its VM matched by BIOS UUID",
    );
    expect(ghost.remediation.map((s) => [s.order, s.action.type])).toEqual([
      [1, 'scale-pool'],
      [2, 'drain'],
      [3, 'delete-node'],
      [4, 'power-off-vm'],
      [5, 'destroy-vm'],
    ]);
    expect(ghost.remediation.map((s) => s.command)).toEqual([
      'kubectl --kubeconfig <mgmt-kubeconfig> -n prod scale machinedeployments.cluster.x-k8s.io wc1-md-0 --replicas=3',
      `kubectl --kubeconfig <wc1-kubeconfig> drain ${extra.name} --delete-emptydir-data --ignore-daemonsets`,
      `kubectl --kubeconfig <wc1-kubeconfig> delete node ${extra.name}`,
      `govc vm.power -off -vm.uuid ${extra.uuid}`,
      `govc vm.destroy -vm.uuid ${extra.uuid}`,
    ]);
    const pool = cluster.workers.pools.find((p) => p.name === 'wc1-md-0');
    expect(pool).toMatchObject({ status: 'Drifted', counts: { desired: 2, machines: 2, vms: 3, nodes: 3 } });
  });

  it('reports a VM that never joined as a ghost VM, deleted without touching Nodes', () => {
    const c = fixtureCluster();
    const extra = extraVm(
      `${worker(c, 'md-1').name.slice(0, -5)}qqqqq`,
      '4200aaaa-0000-4000-8000-000000000002',
    );
    const cluster = only(report(c.objects, addVms(matchingEvidence([c]), [vmRecord(extra)])).clusters);
    const ghost = only(cluster.ghosts);
    expect(ghost).toMatchObject({
      kind: 'VM',
      name: extra.name,
      role: 'worker',
      pool: 'wc1-md-1',
      node: null,
    });
    expect(ghost.evidence).toContain('it never joined the cluster as a Node');
    expect(ghost.evidence).toContain('carries the prefix "wc1-md-1-');
    expect(ghost.remediation.map((s) => s.action.type)).toEqual(['power-off-vm', 'destroy-vm']);
  });

  it.each(VERSIONS)(
    'reports a replaced %s control-plane node as one Stale machine and one Ghost, with quorum checked',
    (version) => {
      const c = fixtureCluster({ apiVersion: version });
      const replaced = c.vms[0];
      if (!replaced) throw new Error('no control plane');
      const newcomer = extraVm(
        'wc1-control-plane-n3w00',
        '4200aaaa-0000-4000-8000-000000000003',
        'control-plane',
      );
      let evidence = dropNodes(dropVms(matchingEvidence([c]), [replaced.name]), c.id, [replaced.name]);
      evidence = addNodes(addVms(evidence, [vmRecord(newcomer)]), c.id, [nodeRecord(newcomer)]);
      const cluster = only(report(c.objects, evidence).clusters);
      expect(statuses(cluster)).toEqual({ Stale: 1, Healthy: 5 });
      expect(cluster.controlPlane).toMatchObject({
        status: 'Drifted',
        quorum: { desired: 3, healthy: 2, needed: 2, holds: true },
        counts: { desired: 3, machines: 3, vms: 3, nodes: 3 },
      });
      const stale = cluster.controlPlane.machines.find((m) => m.status === 'Stale');
      expect(stale?.remediation.map((s) => s.action.type)).toEqual(['manual', 'delete-machine']);
      expect(stale?.remediation[0]?.description).toContain(
        '2 of 3 control-plane machines are healthy; etcd quorum needs 2 and holds',
      );
      expect(stale?.remediation[0]?.command).toMatch(
        /-n kube-system exec etcd-wc1-control-plane-\w{5} -- etcdctl .* member list/,
      );
      const ghost = only(cluster.ghosts);
      expect(ghost).toMatchObject({ kind: 'Node', role: 'control-plane', name: newcomer.name });
      expect(ghost.remediation.map((s) => s.action.type)).toEqual([
        'delete-node',
        'remove-etcd-member',
        'power-off-vm',
        'destroy-vm',
      ]);
    },
  );

  it('holds back the delete of a stale control-plane machine when quorum is lost', () => {
    const c = fixtureCluster();
    const gone = c.vms.slice(0, 2).map((vm) => vm.name);
    const evidence = dropNodes(dropVms(matchingEvidence([c]), gone), c.id, gone);
    const cluster = only(report(c.objects, evidence).clusters);
    expect(cluster.controlPlane.quorum).toEqual({ desired: 3, healthy: 1, needed: 2, holds: false });
    for (const m of cluster.controlPlane.machines.filter((x) => x.status === 'Stale')) {
      expect(m.remediation.map((s) => [s.action.type, s.action.automated])).toEqual([
        ['manual', false],
        ['manual', false],
      ]);
      expect(m.remediation[1]?.description).toMatch(/^Do not delete yet/);
    }
  });

  it('marks a deleted cluster (API server unreachable, no VMs) stale as a whole', () => {
    const live = fixtureCluster();
    const deleted = fixtureCluster({ name: 'gone' });
    const evidence: Evidence = {
      vsphere: { state: 'checked', server: SERVER, vms: live.vms.map((vm) => vmRecord(vm)) },
      nodes: {
        ...matchingEvidence([live]).nodes,
        [deleted.id]: { state: 'unreachable', reason: 'dial tcp 10.0.0.9:6443: i/o timeout' },
      },
    };
    const r = report([...live.objects, ...deleted.objects], evidence);
    const gone = r.clusters.find((x) => x.name === 'gone');
    expect(gone).toMatchObject({ status: 'Drifted', stale: true, sources: { nodes: { state: 'failed' } } });
    expect(gone?.message).toContain(
      'the cluster is gone: none of its 6 Machines has a VM in vCenter, and API server unreachable',
    );
    expect(gone && statuses(gone)).toEqual({ Stale: 6 });
    expect(gone && machines(gone).every((m) => m.remediation.length === 0)).toBe(true);
    expect(gone?.remediation.map((s) => s.command)).toEqual([
      'kubectl --kubeconfig <mgmt-kubeconfig> -n prod delete clusters.cluster.x-k8s.io gone --wait=false',
      `kubectl --kubeconfig <mgmt-kubeconfig> -n prod patch clusters.cluster.x-k8s.io gone --type merge -p '{"spec":{"paused":false}}'`,
    ]);
    expect(r.clusters.find((x) => x.name === 'wc1')?.status).toBe('Healthy');
    expect([r.summary.status, exitCodeFor(r)]).toEqual(['Drifted', 1]);
  });
});
