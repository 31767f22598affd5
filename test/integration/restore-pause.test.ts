// Which clusters a restore pauses, journals and unpauses, with an operator's hold in the way, against two real API servers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient, ResourceRef } from '../../src/adapters/kube/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import { driftline } from '../cli.js';
import type { TestEnv } from '../env/harness.js';
import { startRestoreEnv } from '../support/restore-fixture.js';
import { seedClusters } from '../support/seed-capi.js';

let env: TestEnv;
let kube: NodeJS.ProcessEnv;
let target: KubeClient;
let clusterRef: ResourceRef;
const store = mkdtempSync(join(tmpdir(), 'driftline-pause-store-'));
const JOURNALS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

beforeAll(async () => {
  ({ env, kube, target } = await startRestoreEnv());
  await Promise.all([
    env.installCrds('source', loadProjectCrds()),
    env.installCrds('target', loadProjectCrds()),
  ]);
  await seedClusters(
    env,
    'source',
    ['wc1', 'wc2', 'wc3'].map((name) => ({ namespace: 'fleet', name, controlPlane: 1 })),
  );
  const backup = await driftline(['backup', 'create', 'full', '--store', store], kube);
  expect(backup.code).toBe(0);
  clusterRef = await target.resolve({ group: 'cluster.x-k8s.io', kind: 'Cluster' });
});
afterAll(async () => {
  await env?.stop();
});

function restore(name: string, ...args: string[]) {
  return driftline(
    [
      'restore',
      'create',
      name,
      '--from-backup',
      'full',
      '--to-context',
      'target',
      '--include-namespaces',
      'fleet',
      '--store',
      store,
      ...args,
    ],
    kube,
  );
}

async function pausedInTarget(): Promise<string[]> {
  const { items } = await target.list(clusterRef, { namespace: 'fleet' });
  return items
    .filter((c) => (c.spec as { paused?: boolean }).paused === true)
    .map((c) => c.metadata.name)
    .sort();
}

async function journaledPaused(restoreName: string): Promise<string[]> {
  const journal = await target.get(JOURNALS, 'driftline-system', `driftline-restore-${restoreName}`);
  const header = JSON.parse((journal!.data as Record<string, string>)['journal.json']!);
  return header.state.pausedClusters;
}

describe('a restore into an empty target', () => {
  it('pauses every cluster it creates, names them and journals them', async () => {
    const result = await restore('r1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Paused 3 clusters: fleet/wc1, fleet/wc2, fleet/wc3.');
    expect(result.stdout).toContain('Run `driftline unpause fleet/wc1 fleet/wc2 fleet/wc3` when ready.');
    expect(await pausedInTarget()).toEqual(['wc1', 'wc2', 'wc3']);
    expect(await journaledPaused('r1')).toEqual(['fleet/wc1', 'fleet/wc2', 'fleet/wc3']);
  });
});

describe('a second restore of the same backup, with wc2 paused by an operator', () => {
  beforeAll(async () => {
    expect((await driftline(['--context', 'target', 'unpause', '--all'], kube)).code).toBe(0);
    await target.patch(clusterRef, 'fleet', 'wc2', { spec: { paused: true } }, 'merge');
    expect(await pausedInTarget()).toEqual(['wc2']);
  });

  it('skips every existing object, pauses nothing and says nothing about unpausing', async () => {
    const result = await restore('r2');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Restore r2 Completed: 0 created, 0 updated, \d+ skipped, 0 failed/);
    expect(await journaledPaused('r2')).toEqual([]);
    expect(result.stdout).not.toMatch(/paused|unpause/i);
  });

  it('leaves the operator-paused cluster paused with --unpause', async () => {
    const result = await restore('r3', '--unpause');
    expect(result.code).toBe(0);
    expect(await pausedInTarget()).toEqual(['wc2']);
    expect(await journaledPaused('r3')).toEqual([]);
    expect(result.stdout).toContain('This restore paused no clusters; none unpaused.');
  });

  it('with policy update, unpauses only the clusters it updated from unpaused to paused', async () => {
    const result = await restore('r4', '--existing-resource-policy', 'update');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Paused 2 clusters: fleet/wc1, fleet/wc3.');
    expect(await journaledPaused('r4')).toEqual(['fleet/wc1', 'fleet/wc3']);
    expect(await pausedInTarget()).toEqual(['wc1', 'wc2', 'wc3']);
    expect((await driftline(['--context', 'target', 'unpause', 'fleet/wc1', 'fleet/wc3'], kube)).code).toBe(
      0,
    );
    const unpaused = await restore('r5', '--existing-resource-policy', 'update', '--unpause');
    expect(unpaused.code).toBe(0);
    expect(unpaused.stdout).toContain('Unpaused 2 of 2 clusters.');
    expect(await pausedInTarget()).toEqual(['wc2']);
  });
});
