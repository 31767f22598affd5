/** buildReport when sources fail, disagree or are skipped; errors, secrets and --ignore-healthy-resources. */
import { describe, expect, it } from 'vitest';
import {
  type FixtureCluster,
  fixtureCluster,
  matchingEvidence,
  SERVER,
  vmRecord,
} from '../../test/support/recovery/fixtures.js';
import {
  addVms,
  dropNodes,
  dropVms,
  machines,
  only,
  report,
  statuses,
  worker,
} from '../../test/support/recovery/report-helpers.js';
import { machine } from '../lab/builders/index.js';
import type { Evidence } from './evidence.js';
import { exitCodeFor } from './report.js';

describe('buildReport with partial evidence', () => {
  it.each([
    {
      name: 'an unreachable workload API server makes machines with VMs Unknown, never Healthy',
      evidence: (c: FixtureCluster): Evidence => ({
        ...matchingEvidence([c]),
        nodes: { [c.id]: { state: 'unreachable', reason: 'connect ECONNREFUSED 10.0.0.1:6443' } },
      }),
      options: {},
      status: 'Unknown',
      reason: /VM wc1-\S+ \(poweredOn\) found, but API server unreachable: connect ECONNREFUSED/,
      counts: { vms: 6, nodes: null },
    },
    {
      name: 'an unavailable vCenter makes machines with Nodes Unknown',
      evidence: (c: FixtureCluster): Evidence => ({
        ...matchingEvidence([c]),
        vsphere: {
          state: 'unavailable',
          reason: 'ServerFaultCode: Cannot complete login due to an incorrect user name or password.',
        },
      }),
      options: {},
      status: 'Unknown',
      reason: /found, but vSphere unavailable: ServerFaultCode: Cannot complete login/,
      counts: { vms: null, nodes: 6 },
    },
    {
      name: '--skip-access-apiserver lets VMs alone decide',
      evidence: (c: FixtureCluster): Evidence => ({
        ...matchingEvidence([c]),
        nodes: { [c.id]: { state: 'skipped', reason: '--skip-access-apiserver' } },
      }),
      options: { skipAccessApiserver: true },
      status: 'Healthy',
      reason: /VM wc1-\S+ \(poweredOn\) found \(Nodes skipped: --skip-access-apiserver\)/,
      counts: { vms: 6, nodes: null },
    },
    {
      name: 'no vCenter given (vSphere skipped) lets the Nodes alone decide, and says so',
      evidence: (c: FixtureCluster): Evidence => ({
        ...matchingEvidence([c]),
        vsphere: { state: 'skipped', reason: 'no vCenter address: pass --vsphere-server' },
      }),
      options: {},
      status: 'Healthy',
      reason: /Node wc1-\S+ \(Ready\) found \(vSphere skipped: no vCenter address/,
      counts: { vms: null, nodes: 6 },
    },
    {
      name: 'no source at all leaves every machine Unknown',
      evidence: (): Evidence => ({ vsphere: { state: 'skipped', reason: 'no vCenter given' }, nodes: {} }),
      options: {},
      status: 'Unknown',
      reason: /no source could be checked: vSphere skipped: no vCenter given; Nodes skipped/,
      counts: { vms: null, nodes: null },
    },
  ])('$name', ({ evidence, options, status, reason, counts }) => {
    const c = fixtureCluster();
    const r = report(c.objects, evidence(c), options);
    const cluster = only(r.clusters);
    expect(new Set(machines(cluster).map((m) => m.status))).toEqual(new Set([status]));
    for (const m of machines(cluster)) expect(m.reason).toMatch(reason);
    expect(cluster.status).toBe(status);
    expect(r.summary.counts).toMatchObject(counts);
    expect(exitCodeFor(r)).toBe(status === 'Healthy' ? 0 : 1);
  });

  it.each([
    {
      name: 'a VM that exists without its Node',
      edit: (c: FixtureCluster, e: Evidence) => dropNodes(e, c.id, [worker(c, 'md-1').name]),
      reason: /the sources disagree: VM \S+ \(poweredOn\) exists, but no Node with providerID vsphere:\/\//,
    },
    {
      name: 'a powered-off VM',
      edit: (c: FixtureCluster, e: Evidence) => {
        const w = worker(c, 'md-1');
        return addVms(dropVms(e, [w.name]), [vmRecord(w, { powerState: 'poweredOff' })]);
      },
      reason: /VM \S+ \(poweredOff\) is not running/,
    },
    {
      name: 'a VM whose name matches but whose BIOS UUID differs',
      edit: (c: FixtureCluster, e: Evidence) => {
        const w = worker(c, 'md-1');
        const swapped = addVms(dropVms(e, [w.name]), [
          vmRecord({ ...w, uuid: '4200bbbb-0000-4000-8000-000000000009' }),
        ]);
        return dropNodes(swapped, c.id, [w.name]);
      },
      reason: /VM \S+ has BIOS UUID 4200bbbb-0000-4000-8000-000000000009, the backup records/,
    },
  ])('calls $name Unknown, with the reason and a step to investigate', ({ edit, reason }) => {
    const c = fixtureCluster();
    const cluster = only(report(c.objects, edit(c, matchingEvidence([c]))).clusters);
    const m = machines(cluster).find((x) => x.name === worker(c, 'md-1').name);
    expect(m?.status).toBe('Unknown');
    expect(m?.reason).toMatch(reason);
    expect(m?.remediation.map((s) => s.action.type)).toEqual(['manual']);
    expect(cluster.ghosts).toEqual([]);
  });

  it('matches VMs by BIOS UUID whatever their case or name', () => {
    const c = fixtureCluster();
    const e = matchingEvidence([c]);
    const vms = c.vms.map((vm, i) => vmRecord({ name: `renamed-${i}`, uuid: vm.uuid.toUpperCase() }));
    const cluster = only(report(c.objects, { ...e, vsphere: { state: 'checked', vms } }).clusters);
    expect(statuses(cluster)).toEqual({ Healthy: 6 });
  });

  it('does not judge a cluster by a vCenter other than the one its VSphereCluster names', () => {
    const c = fixtureCluster({ server: 'other-vc.example.com' });
    const r = report(c.objects, matchingEvidence([c]), { vsphereServer: `https://${SERVER}/sdk` });
    const cluster = only(r.clusters);
    expect(cluster.sources.vsphere).toEqual({
      state: 'skipped',
      reason: `its VSphereCluster names vCenter other-vc.example.com, but VMs were read from ${SERVER}`,
    });
    expect(statuses(cluster)).toEqual({ Healthy: 6 });
  });

  it('turns an unreadable kubeconfig into an Error cluster and exit code 2', () => {
    const c = fixtureCluster();
    const objects = c.objects.filter((o) => o.metadata.name !== 'wc1-kubeconfig');
    const r = report(objects, matchingEvidence([c]));
    expect(only(r.clusters)).toMatchObject({
      status: 'Error',
      problems: ['Secret prod/wc1-kubeconfig is not in the backup'],
    });
    expect(r.summary.message).toMatch(
      /^prod\/wc1: Secret prod\/wc1-kubeconfig is not in the backup; 1 cluster \(1 Error\)/,
    );
    expect(exitCodeFor(r)).toBe(2);
  });

  it('makes the summary Error when a Machine names no cluster at all', () => {
    const c = fixtureCluster();
    const orphan = machine('prod', 'lost').build();
    const r = report([...c.objects, orphan], matchingEvidence([c]));
    expect(r.summary).toMatchObject({ status: 'Error' });
    expect(r.summary.message).toMatch(/^Machine prod\/lost names no cluster; 1 cluster \(1 Healthy\)/);
    expect(exitCodeFor(r)).toBe(2);
  });

  it('never puts secret data in the report', () => {
    const c = fixtureCluster();
    const json = JSON.stringify(report(c.objects, matchingEvidence([c])));
    const secret = c.objects.find((o) => o.metadata.name === 'wc1-kubeconfig');
    const value = (secret?.data as { value: string } | undefined)?.value ?? 'missing';
    expect(json).not.toContain(value);
    expect(json).not.toMatch(/client-key-data|BEGIN RSA|tls\.key/);
  });
});

describe('filterHealthy', () => {
  it('drops healthy clusters, pools and machines but keeps every count', () => {
    const drifted = fixtureCluster();
    const healthy = fixtureCluster({ name: 'ok' });
    const gone = worker(drifted, 'md-0');
    const evidence = dropNodes(dropVms(matchingEvidence([drifted, healthy]), [gone.name]), drifted.id, [
      gone.name,
    ]);
    const objects = [...drifted.objects, ...healthy.objects];
    const full = report(objects, evidence);
    const filtered = report(objects, evidence, { ignoreHealthyResources: true });
    expect(filtered.options.ignoreHealthyResources).toBe(true);
    expect(filtered.summary).toEqual(full.summary);
    const cluster = only(filtered.clusters);
    expect(cluster.name).toBe('wc1');
    expect(cluster.counts).toEqual(full.clusters.find((c) => c.name === 'wc1')?.counts);
    expect(cluster.controlPlane).toMatchObject({
      status: 'Healthy',
      machines: [],
      counts: { machines: 3, nodes: 3 },
    });
    expect(
      cluster.workers.pools.map((p) => [p.name, p.machines.map((m) => m.status), p.counts.machines]),
    ).toEqual([['wc1-md-0', ['Stale'], 2]]);
    expect(cluster.workers.counts).toEqual({ desired: 3, machines: 3, vms: 2, nodes: 2 });
  });
});
