/** The target checks: a report about another vCenter or another backup is a mismatch, said exactly. */
import { describe, expect, it } from 'vitest';
import { driftedFleetReport } from '../../test/support/recovery/fixtures.js';
import { planFromReport } from './plan.js';
import { actedOnClusters, type ManagementView, managementMismatches, vcenterMismatches } from './targets.js';

// prod/wc1 has a stale worker and a ghost VM (vSphere steps); the report's vCenter is vcenter.example.com.
const report = driftedFleetReport();
const plan = planFromReport(report);

function view(labels: Record<string, string> | null, servesClusters = true): ManagementView {
  return {
    context: 'restored',
    server: 'https://10.0.0.1:6443',
    servesClusters,
    clusters: new Map([['prod/wc1', labels]]),
  };
}

describe('vcenterMismatches', () => {
  const cases: [string, string, boolean][] = [
    ['the same host', 'vcenter.example.com', true],
    ['the same host as a URL with /sdk and port 443', 'https://VCenter.example.com:443/sdk', true],
    ['another host', 'vc2.example.com', false],
    ['the same host on another port', 'https://vcenter.example.com:8443/sdk', false],
  ];
  it.each(cases)('with %s: match %s', (_name, server, matches) => {
    const out = vcenterMismatches(report, plan, { server, source: '--vsphere-server' });
    expect(out).toEqual(
      matches
        ? []
        : [
            `options.vsphereServer: the report's vCenter is vcenter.example.com, but --vsphere-server names ${server}`,
          ],
    );
  });

  it('says so when the report names no vCenter but has vSphere steps', () => {
    const unnamed = { ...report, options: { ...report.options, vsphereServer: null } };
    expect(vcenterMismatches(unnamed, plan, { server: 'vc2', source: 'GOVC_URL' })).toEqual([
      'options.vsphereServer: the report does not say which vCenter its VMs were read from, but its vSphere steps would run against vc2 (GOVC_URL)',
    ]);
  });

  it('ignores the vCenter when no automated step needs it', () => {
    const noVm = plan.filter((p) => p.step.action.target.plane !== 'vsphere');
    expect(vcenterMismatches(report, noVm, { server: 'vc2', source: '--vsphere-server' })).toEqual([]);
  });
});

describe('managementMismatches', () => {
  it('acts only on clusters with automated steps', () => {
    expect(actedOnClusters(plan)).toEqual(['prod/wc1']);
  });

  const cases: [string, ManagementView, string[]][] = [
    ['a Cluster restored from the same backup', view({ 'velero.io/backup-name': report.backup.name }), []],
    ['a Cluster with no restore labels (restored by other means)', view({}), []],
    [
      'a Cluster restored from another backup',
      view({ 'driftline.dev/backup-name': 'other-backup' }),
      [
        `backup.name: the report is about backup ${report.backup.name}, but Cluster prod/wc1 in the management cluster of context "restored" (https://10.0.0.1:6443) was restored from backup other-backup (label driftline.dev/backup-name)`,
      ],
    ],
    [
      'no such Cluster',
      view(null),
      [
        `clusters: prod/wc1 is in the report (backup ${report.backup.name}) but not in the management cluster of context "restored" (https://10.0.0.1:6443)`,
      ],
    ],
    [
      'a cluster that serves no Cluster API',
      view(null, false),
      [
        `the management cluster of context "restored" (https://10.0.0.1:6443) serves no Cluster API clusters: it is not a restore of backup ${report.backup.name}`,
      ],
    ],
  ];
  it.each(cases)('with %s', (_name, v, expected) => {
    expect(managementMismatches(report, v)).toEqual(expected);
  });

  it('matches a backup name longer than a label value by its kept prefix', () => {
    const long = { ...report, backup: { ...report.backup, name: `${'b'.repeat(70)}` } };
    expect(managementMismatches(long, view({ 'velero.io/backup-name': `${'b'.repeat(57)}abc123` }))).toEqual(
      [],
    );
  });
});
