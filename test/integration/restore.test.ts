// restore create/describe/list against two real API servers: a source backed up through the CLI, an empty target.
import { createReadStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient, ResourceRef } from '../../src/adapters/kube/index.js';
import { type BackupItem, readAllItems } from '../../src/format/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { driftline } from '../cli.js';
import type { TestEnv } from '../env/harness.js';
import {
  expectOwnersPointAtTargetObjects,
  seedTwoClusters,
  startRestoreEnv,
} from '../support/restore-fixture.js';

let env: TestEnv;
let kube: NodeJS.ProcessEnv;
let target: KubeClient;
const store = mkdtempSync(join(tmpdir(), 'driftline-restore-store-'));
const NAMESPACES = ['tkg-prod', 'capi-v2'];
let backupItems: BackupItem[];

beforeAll(async () => {
  ({ env, kube, target } = await startRestoreEnv());
  await env.installCrds('source', loadProjectCrds());
  await seedTwoClusters(env);
  const backup = await driftline(['backup', 'create', 'full', '--store', store], kube);
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  backupItems = await readAllItems(createReadStream(join(store, 'backups', 'full', 'full.tar.gz')));
});
afterAll(async () => {
  await env?.stop();
});

/** `restore create NAME --from-backup full --to-context target …`: the restore most tests run. */
function restoreFull(name: string, ...args: string[]) {
  return restore('create', name, '--from-backup', 'full', '--to-context', 'target', ...args);
}

function restore(...args: string[]) {
  return driftline(['restore', ...args, '--store', store], kube);
}

async function refOf(client: KubeClient, item: Pick<BackupItem, 'group' | 'resource'>): Promise<ResourceRef> {
  return client.resolve({ group: item.group, resource: item.resource });
}

async function liveIn(client: KubeClient, namespaces: string[]): Promise<KubeObject[]> {
  const kinds = new Map<string, ResourceRef>();
  for (const item of backupItems.filter((i) => NAMESPACES.includes(i.namespace)))
    kinds.set(`${item.group}/${item.resource}`, await refOf(client, item));
  const out: KubeObject[] = [];
  for (const ref of kinds.values())
    for (const ns of namespaces) out.push(...(await client.list(ref, { namespace: ns })).items);
  return out;
}

describe('a target that lacks a CRD', () => {
  it('is refused with a clear error before anything is written', async () => {
    const result = await restoreFull('r-nocrd', '--exclude-resources', 'customresourcedefinitions');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toMatch(
      /clusters\.cluster\.x-k8s\.io \(2 objects\): the target does not serve clusters\.cluster\.x-k8s\.io/,
    );
    const namespaces = (await target.list(await target.resolve({ kind: 'Namespace' }))).items.map(
      (n) => n.metadata.name,
    );
    expect(namespaces).not.toContain('tkg-prod');
    expect(namespaces).not.toContain('driftline-system');
    expect(existsSync(join(store, 'restores', 'r-nocrd'))).toBe(false);
  });
});

describe('a dry run into an empty target', () => {
  it('prints the plan and what would happen to every object, and writes nothing', async () => {
    const result = await restoreFull('r1', '--include-namespaces', NAMESPACES.join(','), '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing is written');
    expect(result.stdout).toMatch(/1\. customresourcedefinitions: CustomResourceDefinition/);
    expect(result.stdout).toMatch(/create +Cluster tkg-prod\/prod-1/);
    expect(result.stdout).toMatch(/Summary: would create \d+, update 0, skip 0 \(0 differ\), fail 0/);
    const crds = (await target.list(await target.resolve({ kind: 'CustomResourceDefinition' }))).items;
    expect(crds).toEqual([]);
    const namespaces = (await target.list(await target.resolve({ kind: 'Namespace' }))).items.map(
      (n) => n.metadata.name,
    );
    expect(namespaces.filter((n) => [...NAMESPACES, 'driftline-system'].includes(n))).toEqual([]);
  });
});

describe('a restore into an empty target', () => {
  it('restores every object, CRDs first, with owner references rebuilt and clusters paused', async () => {
    const result = await restoreFull(
      'r1',
      '--include-namespaces',
      NAMESPACES.join(','),
      '--restore-status',
      'clusters.cluster.x-k8s.io',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Restore r1 Completed: \d+ created, 0 updated, 0 skipped, 0 failed/);
    expect(result.stdout).toContain('Paused 2 clusters: capi-v2/edge-1, tkg-prod/prod-1.');

    const wanted = backupItems.filter((i) => NAMESPACES.includes(i.namespace));
    const live = await liveIn(target, NAMESPACES);
    const liveKeys = new Set(live.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
    expect(liveKeys.size).toBe(live.length);
    expect([...liveKeys].sort()).toEqual(
      wanted.map((i) => `${i.object.kind}/${i.namespace}/${i.name}`).sort(),
    );

    const sourceObjects = new Map(wanted.map((i) => [`${i.object.kind}/${i.namespace}/${i.name}`, i.object]));
    for (const o of live) {
      const backedUp = sourceObjects.get(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)!;
      expect(o.metadata.uid).not.toBe(backedUp.metadata.uid);
      expect(o.metadata.finalizers).toEqual(backedUp.metadata.finalizers);
      expect(o.metadata.labels?.['driftline.dev/restore-name']).toBe('r1');
      if (o.kind === 'Cluster') {
        expect(o.spec).toEqual({ ...(backedUp.spec as object), paused: true });
        expect((o.status as { phase?: string }).phase).toBe('Provisioned');
      } else if (o.kind === 'Secret' || o.kind === 'ConfigMap') {
        expect(o.data).toEqual(backedUp.data);
      } else {
        expect(o.spec).toEqual(backedUp.spec);
      }
      if (o.kind === 'Machine') expect(o.status).toBeUndefined();
    }
    const checked = expectOwnersPointAtTargetObjects(
      live,
      new Map([...sourceObjects].map(([k, v]) => [k, v])),
      '',
    );
    expect(checked).toBeGreaterThan(30);
  });

  it('records the restore in the store in Velero’s layout, shown by describe and list', async () => {
    for (const file of [
      'restore-r1-results.gz',
      'restore-r1-resource-list.json.gz',
      'restore-r1-logs.gz',
      'restore-r1.json',
    ])
      expect(existsSync(join(store, 'restores', 'r1', file)), file).toBe(true);
    const described = await restore('describe', 'r1', '--details');
    expect(described.code).toBe(0);
    expect(described.stdout).toContain('Phase:                       Completed');
    expect(described.stdout).toContain('Backup:  full');
    expect(described.stdout).toMatch(
      /cluster\.x-k8s\.io\/v1beta2\/Cluster:\n\s+- capi-v2\/edge-1\(created\)\n\s+- tkg-prod\/prod-1\(created\)/,
    );
    const listed = await restore('list');
    expect(listed.stdout).toMatch(/NAME\s+BACKUP\s+STATUS/);
    expect(listed.stdout).toMatch(/r1\s+full\s+Completed/);
    const logs = await restore('logs', 'r1');
    expect(logs.stdout).toMatch(
      /level=info msg="Created Cluster tkg-prod\/prod-1: created" restore=velero\/r1/,
    );
  });

  it('keeps the journal in the target and refuses to run the same restore twice', async () => {
    const journal = await target.get(
      await target.resolve({ kind: 'ConfigMap' }),
      'driftline-system',
      'driftline-restore-r1',
    );
    expect(JSON.parse((journal!.data as Record<string, string>)['journal.json']!)).toMatchObject({
      phase: 'Completed',
      kind: 'restore',
    });
    const again = await restoreFull(
      'r1',
      '--include-namespaces',
      NAMESPACES.join(','),
      '--restore-status',
      'clusters.cluster.x-k8s.io',
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('restore r1 already completed in this cluster');
  });
});

describe('objects that already exist', () => {
  const cmRef: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
  const secretRef: ResourceRef = { group: '', version: 'v1', resource: 'secrets', namespaced: true };

  beforeAll(async () => {
    await target.patch(cmRef, 'tkg-prod', 'settings', { data: { a: '2' } }, 'merge');
    await target.patch(
      secretRef,
      'tkg-prod',
      'extra-creds',
      { data: { password: Buffer.from('changed').toString('base64') } },
      'merge',
    );
  });

  it('are previewed with a field diff that never shows Secret values', async () => {
    const versions = (await liveIn(target, ['tkg-prod'])).map((o) => o.metadata.resourceVersion);
    const result = await restoreFull(
      'r2',
      '--include-namespaces',
      'tkg-prod',
      '--existing-resource-policy',
      'update',
      '--dry-run',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/update +ConfigMap tkg-prod\/settings[^\n]*\n\s+~ \/data\/a: "2" → "1"/);
    expect(result.stdout).toMatch(
      /update +Secret tkg-prod\/extra-creds[^\n]*\n\s+~ \/data\/password: "\(redacted\)" → "\(redacted, value changed\)"/,
    );
    expect(result.stdout).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(result.stdout).not.toContain(Buffer.from('changed').toString('base64'));
    expect(result.stdout).toMatch(/skip +Cluster tkg-prod\/prod-1 +\(already exists and is identical\)/);
    expect((await liveIn(target, ['tkg-prod'])).map((o) => o.metadata.resourceVersion)).toEqual(versions);
  });

  it('are skipped and reported as differing with --existing-resource-policy none', async () => {
    const result = await restoreFull('r2', '--include-namespaces', 'tkg-prod');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Restore r2 Completed: 0 created, 0 updated, \d+ skipped, 0 failed/);
    expect(result.stdout).toContain('2 objects already existed and differ');
    expect((await target.get(cmRef, 'tkg-prod', 'settings'))!.data).toEqual({ a: '2' });
    const described = await restore('describe', 'r2', '--details');
    expect(described.stdout).toMatch(
      /Namespace tkg-prod: could not restore, ConfigMap "settings" already exists\. Warning: the in-cluster version is different than the backed-up version \(1 field: \/data\/a\)/,
    );
    expect(described.stdout).toContain('Warnings:  2');
  });

  it('are updated by server-side apply with --existing-resource-policy update', async () => {
    const result = await restoreFull(
      'r3',
      '--include-namespaces',
      'tkg-prod',
      '--existing-resource-policy',
      'update',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Restore r3 Completed: 0 created, 2 updated, \d+ skipped, 0 failed/);
    expect((await target.get(cmRef, 'tkg-prod', 'settings'))!.data).toEqual({ a: '1' });
    const s = await target.get(secretRef, 'tkg-prod', 'extra-creds');
    expect(Buffer.from((s!.data as Record<string, string>).password!, 'base64').toString()).toBe('hunter2');
    expect(s!.metadata.managedFields?.some((f) => (f as { manager?: string }).manager === 'driftline')).toBe(
      true,
    );
  });
});

describe('namespace mapping', () => {
  it('restores a namespace under a new name with references and owners following it', async () => {
    const result = await restoreFull(
      'r4',
      '--include-namespaces',
      'tkg-prod',
      '--namespace-mapping',
      'tkg-prod:tkg-dr',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const live = await liveIn(target, ['tkg-dr']);
    const wanted = backupItems.filter((i) => i.namespace === 'tkg-prod');
    expect(live.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      wanted.map((i) => `${i.object.kind}/${i.name}`).sort(),
    );
    const cluster = live.find((o) => o.kind === 'Cluster')!;
    expect((cluster.spec as { infrastructureRef: { namespace: string } }).infrastructureRef.namespace).toBe(
      'tkg-dr',
    );
    const sourceObjects = new Map(wanted.map((i) => [`${i.object.kind}/tkg-prod/${i.name}`, i.object]));
    expect(expectOwnersPointAtTargetObjects(live, sourceObjects, 'tkg-prod')).toBeGreaterThan(20);
    const original = await liveIn(target, ['tkg-prod']);
    const originalUids = new Set(original.map((o) => o.metadata.uid));
    expect(live.every((o) => (o.metadata.ownerReferences ?? []).every((r) => !originalUids.has(r.uid)))).toBe(
      true,
    );
  });
});

describe('restore create flags', () => {
  it.each([
    ['an invalid namespace mapping', ['--namespace-mapping', 'tkg-prod'], 'invalid namespace mapping'],
    ['a backup that does not exist', ['--from-backup', 'nope'], 'backup nope not found'],
  ])('rejects %s', async (_name, extra, message) => {
    const args = ['create', 'r9', '--from-backup', 'full', '--to-context', 'target', ...extra];
    const result = await restore(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('fails clearly when the target context does not exist', async () => {
    const result = await restore('create', 'r9', '--from-backup', 'full', '--to-context', 'nowhere');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nowhere/);
  });
});
