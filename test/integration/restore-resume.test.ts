// Interrupted restores resumed to a consistent end, and unpause (with --wait), against two real API servers.
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient, ResourceRef } from '../../src/adapters/kube/index.js';
import { type BackupItem, readAllItems } from '../../src/format/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { driftline } from '../cli.js';
import type { TestEnv } from '../env/harness.js';
import { startRestoreEnv } from '../support/restore-fixture.js';
import { seedClusters } from '../support/seed-capi.js';

let env: TestEnv;
let kube: NodeJS.ProcessEnv;
let target: KubeClient;
const store = mkdtempSync(join(tmpdir(), 'driftline-resume-store-'));
const NAMESPACES = ['tkg-prod', 'capi-v2'];
let backupItems: BackupItem[];
let clusterRef: ResourceRef;
let total = 0;

beforeAll(async () => {
  ({ env, kube, target } = await startRestoreEnv());
  await Promise.all([
    env.installCrds('source', loadProjectCrds()),
    env.installCrds('target', loadProjectCrds()),
  ]);
  await seedSource(env);
  const backup = await driftline(['backup', 'create', 'full', '--store', store], kube);
  expect(backup.code).toBe(0);
  backupItems = (await readAllItems(createReadStream(join(store, 'backups', 'full', 'full.tar.gz')))).filter(
    (i) => NAMESPACES.includes(i.namespace),
  );
  clusterRef = await target.resolve({ group: 'cluster.x-k8s.io', kind: 'Cluster' });
});
afterAll(async () => {
  await env?.stop();
});

/** Three clusters, created owners first so ownerReferences carry real uids; `held` is paused in the backup. */
async function seedSource(testEnv: TestEnv): Promise<void> {
  await seedClusters(
    testEnv,
    'source',
    [
      { namespace: 'tkg-prod', name: 'prod-1', controlPlane: 3, workers: [{ pool: 'md-0', replicas: 3 }] },
      { namespace: 'tkg-prod', name: 'held', controlPlane: 1 },
      {
        namespace: 'capi-v2',
        name: 'edge-1',
        apiVersion: 'v1beta2',
        controlPlane: 1,
        workers: [{ pool: 'md-0', replicas: 2 }],
      },
    ],
    {
      adjust: (body) => {
        if (body.kind === 'Cluster' && body.metadata.name === 'held')
          (body.spec as { paused?: boolean }).paused = true;
        if (body.kind === 'Cluster' && body.metadata.name === 'prod-1')
          body.metadata.annotations = { 'cluster.x-k8s.io/paused': '' };
      },
    },
  );
}

function restore(...args: string[]) {
  return driftline(
    ['restore', 'create', ...args, '--from-backup', 'full', '--to-context', 'target', '--store', store],
    kube,
  );
}

async function restored(namespaces = NAMESPACES): Promise<KubeObject[]> {
  const refs = new Map<string, ResourceRef>();
  for (const item of backupItems)
    refs.set(
      `${item.group}/${item.resource}`,
      await target.resolve({ group: item.group, resource: item.resource }),
    );
  const out: KubeObject[] = [];
  for (const ref of refs.values())
    for (const ns of namespaces) out.push(...(await target.list(ref, { namespace: ns })).items);
  return out;
}

function expectConsistent(
  live: KubeObject[],
  namespaces = NAMESPACES,
  mapped: (ns: string) => string = (n) => n,
) {
  const keys = live.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();
  const wanted = backupItems
    .filter((i) => namespaces.includes(mapped(i.namespace)))
    .map((i) => `${i.object.kind}/${mapped(i.namespace)}/${i.name}`)
    .sort();
  expect(keys).toEqual(wanted);
  const byKey = new Map(live.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
  for (const o of live) {
    for (const ref of o.metadata.ownerReferences ?? [])
      expect(ref.uid, `${o.kind} ${o.metadata.name} → ${ref.kind} ${ref.name}`).toBe(
        byKey.get(`${ref.kind}/${o.metadata.namespace}/${ref.name}`)?.metadata.uid,
      );
  }
  const owned = live.filter((o) => o.metadata.ownerReferences?.length);
  const backedUpOwned = backupItems.filter(
    (i) => namespaces.includes(mapped(i.namespace)) && i.object.metadata.ownerReferences?.length,
  );
  expect(owned.length).toBe(backedUpOwned.length);
}

describe('an interrupted restore', () => {
  it('stops at the injected failure, leaving a journal and part of the objects', async () => {
    const first = await restore('r1', '--include-namespaces', NAMESPACES.join(','), '--fail-after', '9');
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('injected failure after 9 objects');
    const journal = await target.get(
      { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
      'driftline-system',
      'driftline-restore-r1',
    );
    expect(JSON.parse((journal!.data as Record<string, string>)['journal.json']!)).toMatchObject({
      phase: 'InProgress',
      runs: 1,
    });
    const live = await restored();
    expect(live.length).toBeGreaterThanOrEqual(9);
    expect(live.length).toBeLessThan(backupItems.length);
  });

  it('refuses to continue with other options', async () => {
    const other = await restore(
      'r1',
      '--include-namespaces',
      NAMESPACES.join(','),
      '--existing-resource-policy',
      'update',
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('was started in this cluster with other options');
  });

  it('refuses a tampered journal before writing anything, naming the journal and the field', async () => {
    const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
    const cm = (await target.get(configmaps, 'driftline-system', 'driftline-restore-r1'))!;
    const text = (cm.data as Record<string, string>)['journal.json']!;
    const tampered = {
      ...JSON.parse(text),
      state: { backupName: 'full', pausedClusters: 'all', unpaused: false },
    };
    const put = (json: string) =>
      target.patch(
        configmaps,
        'driftline-system',
        'driftline-restore-r1',
        { data: { 'journal.json': json } },
        'merge',
      );
    await put(JSON.stringify(tampered));
    const before = (await restored()).length;
    const refused = await restore('r1', '--include-namespaces', NAMESPACES.join(','));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'journal configmap driftline-system/driftline-restore-r1 has an invalid state: pausedClusters:',
    );
    expect(refused.stderr).toContain('[apply.journal-invalid]');
    expect(refused.stderr).not.toMatch(/TypeError|at .*\.js:/);
    expect((await restored()).length).toBe(before);
    await put(text);
  });

  it('survives a second crash, then finishes with nothing lost or duplicated', async () => {
    const second = await restore(
      'r1',
      '--include-namespaces',
      NAMESPACES.join(','),
      '--fail-after',
      '17',
      '--concurrency',
      '4',
    );
    expect(second.code).toBe(2);
    const last = await restore('r1', '--include-namespaces', NAMESPACES.join(','));
    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    // The CRDs the target already serves are identical: skipped; everything else is created.
    const summary = last.stdout.match(
      /^Restore r1 Completed: (\d+) created, 0 updated, (\d+) skipped, 0 failed \(of (\d+)\)/,
    );
    expect(summary).not.toBeNull();
    total = Number(summary![3]);
    expect(last.stdout).toMatch(/Resumed an interrupted run: \d+ objects were already restored \(run 3\)/);
    const live = await restored();
    expectConsistent(live);
    expect(live.every((o) => o.metadata.labels?.['driftline.dev/restore-name'] === 'r1')).toBe(true);
    const described = await driftline(
      ['restore', 'describe', 'r1', '--details', '-o', 'json', '--store', store],
      kube,
    );
    const { restore: record, resourceList } = JSON.parse(described.stdout) as {
      restore: { status: { phase: string } };
      resourceList: Record<string, string[]>;
    };
    expect(record.status.phase).toBe('Completed');
    for (const [type, names] of Object.entries(resourceList)) {
      const expected = type.endsWith('/CustomResourceDefinition') ? /\(skipped\)$/ : /\(created\)$/;
      for (const name of names) expect(name, type).toMatch(expected);
    }
    expect(resourceList['apiextensions.k8s.io/v1/CustomResourceDefinition']).toHaveLength(
      Number(summary![2]),
    );
  });

  it('is journaled completely once finished', async () => {
    const journal = await target.get(
      { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
      'driftline-system',
      'driftline-restore-r1',
    );
    const header = JSON.parse((journal!.data as Record<string, string>)['journal.json']!);
    expect(header).toMatchObject({ phase: 'Completed', runs: 3, entries: total });
    expect(header.state.pausedClusters.sort()).toEqual(['capi-v2/edge-1', 'tkg-prod/prod-1']);
  });
});

describe('a restore killed at any point', () => {
  it.each([1, 2, 5, 13, 30, 52])('ends consistent when re-run after a crash after %i objects', async (n) => {
    const ns = `crash-${n}`;
    const args = [`c${n}`, '--include-namespaces', 'tkg-prod', '--namespace-mapping', `tkg-prod:${ns}`];
    const crashed = await restore(...args, '--fail-after', String(n));
    expect(crashed.code).toBe(2);
    const rerun = await restore(...args);
    expect(rerun.code).toBe(0);
    expectConsistent(await restored([ns]), [ns], (from) => (from === 'tkg-prod' ? ns : from));
  });
});

describe('unpause', () => {
  it('unpauses every restored cluster but the one paused in its backup', async () => {
    const result = await driftline(['--context', 'target', 'unpause', '--all'], kube);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/capi-v2\s+edge-1\s+unpaused/);
    expect(result.stdout).toMatch(/tkg-prod\s+prod-1\s+unpaused/);
    expect(result.stdout).toMatch(/tkg-prod\s+held\s+kept-paused/);
    const prod = await target.get(clusterRef, 'tkg-prod', 'prod-1');
    expect((prod!.spec as { paused?: boolean }).paused).toBe(false);
    expect(prod!.metadata.annotations?.['cluster.x-k8s.io/paused']).toBeUndefined();
    expect(((await target.get(clusterRef, 'tkg-prod', 'held'))!.spec as { paused?: boolean }).paused).toBe(
      true,
    );
  });

  it('waits until a named cluster reports ready', async () => {
    const waiting = driftline(
      [
        '--context',
        'target',
        'unpause',
        'tkg-prod/held',
        '--wait',
        '--timeout',
        '30s',
        '--poll-interval',
        '200ms',
      ],
      kube,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const live = await target.get(clusterRef, 'tkg-prod', 'held');
    expect((live!.spec as { paused?: boolean }).paused).toBe(false);
    await target.replaceStatus(clusterRef, {
      ...live!,
      status: {
        observedGeneration: live!.metadata.generation,
        phase: 'Provisioned',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    const result = await waiting;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/tkg-prod\s+held\s+unpaused\s+true\s+unpaused; Ready is True/);
  });

  it('reports a cluster that does not become ready in time, and one that does not exist', async () => {
    const result = await driftline(
      [
        '--context',
        'target',
        'unpause',
        'edge-1',
        'ghost',
        '--wait',
        '--timeout',
        '1s',
        '--poll-interval',
        '200ms',
      ],
      kube,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /capi-v2\s+edge-1\s+not-paused\s+false\s+was not paused; timed out: no status yet/,
    );
    expect(result.stdout).toMatch(/ghost\s+not-found/);
  });

  it('is part of restore create --unpause', async () => {
    const result = await restore(
      'r2',
      '--include-namespaces',
      'tkg-prod',
      '--namespace-mapping',
      'tkg-prod:tkg-b',
      '--unpause',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Unpaused 1 of 1 clusters.');
    expectConsistent(await restored(['tkg-b']), ['tkg-b'], (ns) => (ns === 'tkg-prod' ? 'tkg-b' : ns));
    expect(((await target.get(clusterRef, 'tkg-b', 'prod-1'))!.spec as { paused?: boolean }).paused).toBe(
      false,
    );
    expect(((await target.get(clusterRef, 'tkg-b', 'held'))!.spec as { paused?: boolean }).paused).toBe(true);
  });
});
