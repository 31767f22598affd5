/** Tests of detect's vSphere source when no vCenter is given at all (skipped) or given without credentials (failed). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBackupFile } from '../../test/support/backup-file.js';
import type { BackupRepository } from '../backup/repository.js';
import { capiTopology } from '../lab/builders/index.js';
import { exitCodeFor, type RecoveryDriftReport } from '../recovery/index.js';
import { detect } from './run-detect.js';

const dir = mkdtempSync(join(tmpdir(), 'driftline-run-detect-'));

beforeAll(async () => {
  const topology = (server: string) =>
    capiTopology({
      namespace: 'fleet',
      name: 'wc1',
      controlPlane: 1,
      workers: [{ pool: 'md-0', replicas: 1 }],
      server,
    });
  // A VSphereCluster without spec.server: the backup names no vCenter.
  await writeBackupFile(join(dir, 'none-data.tar.gz'), topology('').objects);
  await writeBackupFile(join(dir, 'named-data.tar.gz'), topology('vc.example.com').objects);
});

function run(backup: string): Promise<RecoveryDriftReport> {
  return detect({
    backup: join(dir, backup),
    repository: () => ({}) as BackupRepository,
    vsphere: {},
    skipAccessApiserver: true,
    env: {},
  });
}

describe('the vSphere source', () => {
  it('is skipped, not failed, when no vCenter is given anywhere; with no other source every machine is Unknown', async () => {
    const report = await run('none-data.tar.gz');
    const [cluster] = report.clusters;
    expect(cluster!.sources.vsphere).toEqual({
      state: 'skipped',
      reason: expect.stringMatching(/^vSphere skipped: no vCenter address/),
    });
    const machines = [
      ...cluster!.controlPlane.machines,
      ...cluster!.workers.pools.flatMap((p) => p.machines),
    ];
    expect(machines).toHaveLength(2);
    for (const m of machines) {
      expect(m.status).toBe('Unknown');
      expect(m.reason).toMatch(/^no source could be checked: vSphere skipped: no vCenter address/);
    }
    expect(report.summary.status).toBe('Unknown');
    expect(exitCodeFor(report)).toBe(1);
  });

  it('is failed when the backup names a vCenter but no credentials are given', async () => {
    const report = await run('named-data.tar.gz');
    expect(report.clusters[0]!.sources.vsphere).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/^vSphere unavailable: no vSphere credentials/),
    });
  });
});
