// backup create → tarball → read back, against a real API server, through the CLI as users run it.
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { type BackupItem, readAllItems } from '../../src/format/index.js';
import { capiTopology, configMap, namespace, secret } from '../../src/lab/builders/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';

let env: TestEnv;
let kubeconfig: string;
const store = mkdtempSync(join(tmpdir(), 'driftline-store-'));

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
  await env.installCrds('mgmt', loadProjectCrds());
  const v1 = capiTopology({
    namespace: 'tkg-prod',
    name: 'prod-1',
    apiVersion: 'v1beta1',
    controlPlane: 3,
    workers: [{ pool: 'md-0', replicas: 2 }],
    server: 'vc.example',
  });
  const v2 = capiTopology({
    namespace: 'capi-v2',
    name: 'edge-1',
    apiVersion: 'v1beta2',
    controlPlane: 1,
    workers: [{ pool: 'md-0', replicas: 1 }],
    server: 'vc.example',
  });
  await env.create('mgmt', [
    namespace('tkg-prod').build(),
    namespace('capi-v2').build(),
    namespace('tkg-system').build(),
  ]);
  await env.create('mgmt', [...v1.objects, ...v2.objects].map(withoutStatus));
  await env.create('mgmt', [
    configMap('tkg-prod', 'unrelated').data({ a: 'b' }).build(),
    secret('tkg-system', 'provider-creds').data({ password: 'hunter2' }).build(),
    configMap('tkg-prod', 'skip-me').withLabels({ 'velero.io/exclude-from-backup': 'true' }).build(),
  ]);
});
afterAll(async () => {
  await env?.stop();
});

function withoutStatus(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = o;
  return rest as KubeObject;
}

async function liveObjects(refs: ResourceRef[]): Promise<Map<string, KubeObject>> {
  const { client } = env.cluster('mgmt');
  const out = new Map<string, KubeObject>();
  for (const ref of refs)
    for (const o of (await client.list(ref)).items)
      out.set(`${ref.group}/${ref.resource}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  return out;
}

async function readBackupFile(name: string): Promise<BackupItem[]> {
  return readAllItems(createReadStream(join(store, 'backups', name, `${name}.tar.gz`)));
}

describe('a full backup', () => {
  it('captures every object whole, once, in its preferred version', async () => {
    const result = await driftline([
      '--kubeconfig',
      kubeconfig,
      'backup',
      'create',
      'full',
      '--store',
      store,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backup full Completed: \d+ items, 0 errors, 0 warnings/);

    const items = await readBackupFile('full');
    const { client } = env.cluster('mgmt');
    const refs = [
      await client.resolve({ kind: 'ConfigMap' }),
      await client.resolve({ kind: 'Secret' }),
      await client.resolve({ kind: 'Namespace' }),
      await client.resolve({ kind: 'CustomResourceDefinition' }),
      ...(await Promise.all(
        [
          'Cluster',
          'Machine',
          'MachineSet',
          'MachineDeployment',
          'KubeadmControlPlane',
          'VSphereVM',
          'VSphereMachine',
          'KubeadmConfig',
        ].map((kind) => client.resolve({ kind })),
      )),
    ];
    const live = await liveObjects(refs);
    const backedUp = new Map(items.map((i) => [`${i.group}/${i.resource}/${i.namespace}/${i.name}`, i]));
    expect(live.size).toBeGreaterThan(60);
    for (const [key, object] of live) {
      if (object.metadata.labels?.['velero.io/exclude-from-backup'] === 'true') {
        expect(backedUp.has(key)).toBe(false);
        continue;
      }
      expect(backedUp.get(key)?.object, key).toEqual(object);
    }
    const machines = items.filter((i) => i.resource === 'machines');
    expect(machines).toHaveLength(7);
    expect(new Set(machines.map((m) => m.version))).toEqual(new Set(['v1beta2']));
    expect(items.filter((i) => i.resource === 'secrets' && i.name === 'provider-creds')).toHaveLength(1);
  });

  it('lists, describes with details, downloads, inspects and deletes through the CLI', async () => {
    const list = await driftline(['backup', 'list', '--store', store]);
    expect(list.stdout).toMatch(/NAME\s+STATUS\s+ERRORS\s+WARNINGS\s+CREATED\s+EXPIRES/);
    expect(list.stdout).toMatch(/full\s+Completed\s+0\s+0\s+\S+\s+(29|30)d/);

    const describe = await driftline(['backup', 'describe', 'full', '--details', '--store', store]);
    expect(describe.stdout).toContain('Phase:  Completed');
    expect(describe.stdout).toContain('Backup Format Version:  1.1.0');
    expect(describe.stdout).toContain('cluster.x-k8s.io/v1beta2/Machine:');
    expect(describe.stdout).toMatch(/v1\/Secret:\n(\s+- .*\n)*\s+- tkg-prod\/prod-1-kubeconfig/);

    const file = join(mkdtempSync(join(tmpdir(), 'dl-')), 'full-data.tar.gz');
    expect((await driftline(['backup', 'download', 'full', '-o', file, '--store', store])).code).toBe(0);
    const inspect = await driftline(['backup', 'inspect', file, '-o', 'json']);
    const summary = JSON.parse(inspect.stdout) as {
      formatVersion: string;
      items: number;
      byType: Record<string, number>;
    };
    expect(summary.formatVersion).toBe('1.1.0');
    expect(summary.byType['cluster.x-k8s.io/v1beta2/Cluster']).toBe(2);

    expect((await driftline(['backup', 'delete', 'full', '--store', store])).code).toBe(2);
    expect((await driftline(['backup', 'delete', 'full', '--confirm', '--store', store])).code).toBe(0);
    const gone = await driftline(['backup', 'describe', 'full', '--store', store]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('backup full not found');
    const after = await driftline(['backup', 'list', '--store', store]);
    // Nothing left, and no deleted backup reported as unreadable.
    expect(after.stdout).toBe('');
    expect(after.stderr).toBe(`No backups in ${store}.\n`);
  });
});

describe('the --cluster-api preset', () => {
  it('captures Cluster API objects and their secrets, and nothing unrelated', async () => {
    const result = await driftline([
      '--kubeconfig',
      kubeconfig,
      'backup',
      'create',
      'capi',
      '--cluster-api',
      '--store',
      store,
    ]);
    expect(result.code).toBe(0);
    const items = await readBackupFile('capi');
    const names = new Set(items.map((i) => `${i.resource}/${i.namespace}/${i.name}`));
    expect(names.has('secrets/tkg-prod/prod-1-kubeconfig')).toBe(true);
    expect(names.has('secrets/capi-v2/edge-1-ca')).toBe(true);
    expect(names.has('clusters/capi-v2/edge-1')).toBe(true);
    expect(names.has('namespaces//tkg-prod')).toBe(true);
    expect(names.has('configmaps/tkg-prod/unrelated')).toBe(false);
    expect(names.has('secrets/tkg-system/provider-creds')).toBe(false);
    expect(names.has('namespaces//kube-system')).toBe(false);
    expect([...names].some((n) => n.startsWith('customresourcedefinitions//machines.cluster.x-k8s.io'))).toBe(
      true,
    );
    expect(
      [...names].some((n) => n.startsWith('customresourcedefinitions/') && !n.includes('x-k8s.io')),
    ).toBe(false);
  });
});

describe('selection flags', () => {
  it('honours namespaces, resources and label selectors like Velero', async () => {
    const result = await driftline([
      '--kubeconfig',
      kubeconfig,
      'backup',
      'create',
      'narrow',
      '--store',
      store,
      '--include-namespaces',
      'tkg-*',
      '--exclude-namespaces',
      'tkg-system',
      '--include-resources',
      'secrets,machines.cluster.x-k8s.io',
      '-l',
      'cluster.x-k8s.io/cluster-name=prod-1',
    ]);
    expect(result.code).toBe(0);
    const items = await readBackupFile('narrow');
    expect(new Set(items.map((i) => i.resource))).toEqual(new Set(['secrets', 'machines']));
    expect(items.every((i) => i.namespace === 'tkg-prod')).toBe(true);
    const backup = JSON.parse(readFileSync(join(store, 'backups', 'narrow', 'velero-backup.json'), 'utf8'));
    expect(backup.spec).toMatchObject({
      includedNamespaces: ['tkg-*'],
      excludedNamespaces: ['tkg-system'],
      includedResources: ['secrets', 'machines.cluster.x-k8s.io'],
      labelSelector: { matchLabels: { 'cluster.x-k8s.io/cluster-name': 'prod-1' } },
      ttl: '720h0m0s',
    });
  });

  it('refuses an existing backup name and an invalid one, without touching the store', async () => {
    const again = await driftline([
      '--kubeconfig',
      kubeconfig,
      'backup',
      'create',
      'narrow',
      '--store',
      store,
    ]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('backup narrow already exists')]);
    const bad = await driftline([
      '--kubeconfig',
      kubeconfig,
      'backup',
      'create',
      '../evil',
      '--store',
      store,
    ]);
    expect(bad.code).toBe(2);
  });
});

describe('permissions that do not cover everything', () => {
  it('backs up what it may, records each refused list as an error, and ends PartiallyFailed (exit 1)', async () => {
    const { client, server } = env.cluster('mgmt');
    const rbac = async (kind: string, resource: string, object: KubeObject): Promise<void> => {
      await client.create(
        await client.resolve({ group: 'rbac.authorization.k8s.io', kind, resource }),
        object,
      );
    };
    await rbac('ClusterRole', 'clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'configmap-reader' },
      rules: [{ apiGroups: [''], resources: ['configmaps', 'namespaces'], verbs: ['get', 'list'] }],
    } as KubeObject);
    await rbac('ClusterRoleBinding', 'clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'limited-reads-configmaps' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'configmap-reader' },
      subjects: [{ kind: 'User', name: 'limited', apiGroup: 'rbac.authorization.k8s.io' }],
    } as KubeObject);
    const limited = join(mkdtempSync(join(tmpdir(), 'kc-')), 'limited.kubeconfig');
    writeFileSync(limited, server.limitedKubeconfig);

    const result = await driftline([
      '--kubeconfig',
      limited,
      'backup',
      'create',
      'partial',
      '--include-resources',
      'configmaps,secrets',
      '--store',
      store,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Backup partial PartiallyFailed: \d+ items, 1 errors/);
    const items = await readBackupFile('partial');
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.resource))).toEqual(new Set(['configmaps']));
    const describe = await driftline(['backup', 'describe', 'partial', '--details', '--store', store]);
    expect(describe.stdout).toContain('Phase:  PartiallyFailed');
    expect(describe.stdout).toMatch(/listing secrets failed: .*forbidden/i);
  });
});
