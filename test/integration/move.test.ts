// driftline move between two real API servers: preflight refusals, dry run, and a full move of v1beta1 and v1beta2 clusters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import {
  collectGarbage,
  LABELLED,
  type MoveEnv,
  move,
  ownersRebuilt,
  type Seeded,
  seedSource,
  snapshot,
  startMoveEnv,
  UNRELATED,
} from '../support/move-fixture.js';

const VMS_CRD = 'vspherevms.infrastructure.cluster.x-k8s.io';
const NAMESPACES = ['tkg-prod', 'capi-v2'];
const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const SECRETS: ResourceRef = { group: '', version: 'v1', resource: 'secrets', namespaced: true };
let m: MoveEnv;
let seeded: Seeded;
let clusters: ResourceRef;

beforeAll(async () => {
  m = await startMoveEnv([VMS_CRD]);
  seeded = await seedSource(m);
  clusters = await m.source.resolve({ group: 'cluster.x-k8s.io', kind: 'Cluster' });
});
afterAll(async () => {
  await m?.env.stop();
});

const paused = (o: KubeObject | undefined) => (o?.spec as { paused?: boolean } | undefined)?.paused === true;

describe('preflight', () => {
  it('asks for the namespaces to move from', async () => {
    const result = await move(m.kube);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass -n NAMESPACE or --all-namespaces');
  });

  it('refuses a target that lacks a CRD before anything is written', async () => {
    const result = await move(m.kube, '-n', 'tkg-prod', '--cluster', 'prod-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing was changed');
    expect(result.stderr).toMatch(
      new RegExp(`${VMS_CRD} \\(3 objects\\): the target does not serve ${VMS_CRD}`),
    );
    expect(paused(await m.source.get(clusters, 'tkg-prod', 'prod-1'))).toBe(false);
    expect((await m.target.list(CONFIGMAPS, { namespace: 'driftline-system' })).items).toEqual([]);
    await m.env.installCrds(
      'target',
      loadProjectCrds().filter((c) => c.metadata.name === VMS_CRD),
    );
  });

  it('refuses a cluster paused by someone else', async () => {
    await m.source.patch(clusters, 'tkg-prod', 'stay-1', { spec: { paused: true } }, 'merge');
    const result = await move(m.kube, '-n', 'tkg-prod', '--cluster', 'stay-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Cluster tkg-prod/stay-1 is already paused in the source (spec.paused: true) by someone else',
    );
  });

  it('refuses a cluster still provisioning a node, as clusterctl does', async () => {
    const machines = await m.source.resolve({
      group: 'cluster.x-k8s.io',
      version: 'v1beta2',
      kind: 'Machine',
    });
    const [machine] = (await m.source.list(machines, { namespace: 'capi-v2' })).items;
    const { nodeRef: _nodeRef, ...provisioning } = machine!.status as Record<string, unknown>;
    await m.source.replaceStatus(machines, { ...machine!, status: provisioning });
    try {
      const result = await move(m.kube, '-n', 'capi-v2', '--dry-run');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `Machine capi-v2/${machine!.metadata.name} is still provisioning its node (no status.nodeRef)`,
      );
    } finally {
      const current = await m.source.get(machines, 'capi-v2', machine!.metadata.name);
      await m.source.replaceStatus(machines, { ...current!, status: machine!.status });
    }
  });

  it('refuses objects that exist in the target with other content, naming the fields', async () => {
    await m.env.create('target', [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tkg-prod' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'extra-settings', namespace: 'tkg-prod' },
        data: { b: 'other' },
      },
    ]);
    const result = await move(m.kube, '-n', 'tkg-prod', '--cluster', 'prod-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'ConfigMap tkg-prod/extra-settings already exists in the target and differs (/data/b, /metadata/labels)',
    );
    expect(paused(await m.source.get(clusters, 'tkg-prod', 'prod-1'))).toBe(false);
    await m.target.delete(CONFIGMAPS, 'tkg-prod', 'extra-settings');
  });
});

describe('a dry run', () => {
  it('prints the plan, adopts identical objects, and changes nothing', async () => {
    const ca = (await m.source.get(SECRETS, 'tkg-prod', 'prod-1-ca'))!;
    const { uid: _u, resourceVersion: _r, creationTimestamp: _c, managedFields: _m, ...meta } = ca.metadata;
    await m.target.create(SECRETS, { ...ca, metadata: meta });
    const before = [await snapshot(m.source, NAMESPACES), await snapshot(m.target, NAMESPACES)];
    const result = await move(m.kube, '-n', 'tkg-prod', '--cluster', 'prod-1', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Move plan (dry run, nothing changed): 1 cluster, 30 objects');
    expect(result.stdout).toContain('1. Pause in the source: tkg-prod/prod-1');
    expect(result.stdout).toMatch(/create Cluster tkg-prod\/prod-1 {2}\(paused\) {2}← selected cluster/);
    expect(result.stdout).toContain(
      'adopt Secret tkg-prod/prod-1-ca  (identical object in the target, adopted)',
    );
    expect(result.stdout).toMatch(
      /create Secret tkg-prod\/prod-1-vsphere-creds {2}← referenced by VSphereCluster tkg-prod\/prod-1 \(spec.identityRef\)/,
    );
    expect(result.stdout).toContain(
      'create ConfigMap tkg-prod/extra-settings  ← labelled clusterctl.cluster.x-k8s.io/move',
    );
    expect(result.stdout).toContain(
      'create Secret tkg-prod/addons-data  ← owned by ConfigMap tkg-prod/addons',
    );
    expect(result.stdout).not.toContain('stay-1');
    const after = [await snapshot(m.source, NAMESPACES), await snapshot(m.target, NAMESPACES)];
    for (const [i, snap] of after.entries())
      expect([...snap].map(([k, o]) => `${k}@${o.metadata.resourceVersion}`)).toEqual(
        [...before[i]!].map(([k, o]) => `${k}@${o.metadata.resourceVersion}`),
      );
    expect((await m.target.list(CONFIGMAPS, { namespace: 'driftline-system' })).items).toEqual([]);
  });
});

describe('a full move', () => {
  let sourceBefore: Map<string, KubeObject>;
  let targetAfter: Map<string, KubeObject>;
  const moved = (): string[] => [...seeded['prod-1'], ...seeded['edge-1'], ...LABELLED];

  it('moves the selected clusters and what belongs to them', async () => {
    sourceBefore = await snapshot(m.source, NAMESPACES);
    const result = await move(
      m.kube,
      '-A',
      '--cluster',
      'prod-1',
      '--cluster',
      'capi-v2/edge-1',
      '--name',
      'm1',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Move m1 Completed (step done, run 1)');
    expect(result.stdout).toContain(
      `objects: ${moved().length}; in the target ${moved().length - 1} created, 1 adopted`,
    );
    targetAfter = await snapshot(m.target, NAMESPACES);
    expect([...targetAfter.keys()].sort()).toEqual(moved().sort());
  });

  it('rebuilds every owner reference to the new uids', () => {
    expect(ownersRebuilt(targetAfter, sourceBefore, moved())).toEqual([]);
    const ca = targetAfter.get('Secret/tkg-prod/prod-1-ca')!;
    expect(ca.metadata.ownerReferences?.[0]?.uid).toBe(
      targetAfter.get('KubeadmControlPlane/tkg-prod/prod-1-control-plane')?.metadata.uid,
    );
  });

  it('keeps finalizers and status, and unpauses the clusters in the target', () => {
    for (const key of ['Cluster/tkg-prod/prod-1', 'Cluster/capi-v2/edge-1']) {
      const o = targetAfter.get(key)!;
      expect(paused(o), key).toBe(false);
      expect(o.metadata.finalizers).toEqual(['cluster.cluster.x-k8s.io']);
      expect(o.status).toEqual(sourceBefore.get(key)!.status);
      expect(o.metadata.labels?.['driftline.dev/move']).toBe('m1');
    }
    const machine = moved().find((k) => k.startsWith('Machine/capi-v2/'))!;
    expect(targetAfter.get(machine)!.status).toEqual(sourceBefore.get(machine)!.status);
    expect(targetAfter.get(machine)!.metadata.finalizers).toEqual(['machine.cluster.x-k8s.io']);
  });

  it('deletes the moved objects from the source without cascading, and touches nothing else', async () => {
    const after = await snapshot(m.source, NAMESPACES);
    for (const key of moved()) {
      const o = after.get(key);
      if (o)
        expect([key, o.metadata.finalizers, Boolean(o.metadata.deletionTimestamp)]).toEqual([
          key,
          ['orphan'],
          true,
        ]);
    }
    for (const key of [...seeded['stay-1'], ...UNRELATED])
      expect(after.get(key)?.metadata.resourceVersion, key).toBe(
        sourceBefore.get(key)?.metadata.resourceVersion,
      );
    await collectGarbage(m.source, NAMESPACES);
    const collected = await snapshot(m.source, NAMESPACES);
    expect([...collected.keys()].sort()).toEqual([...seeded['stay-1'], ...UNRELATED].sort());
  });

  it('reports where the move stands', async () => {
    const table = await move(m.kube, '--status');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/m1\s+Completed\s+done\s+\d+\s+\d+\s+\d+\s+none\s+none/);
    const json = await move(m.kube, '--status', '--name', 'm1', '-o', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      phase: 'Completed',
      clusters: ['capi-v2/edge-1', 'tkg-prod/prod-1'],
      pausedInSource: [],
      pausedInTarget: [],
      counts: { objects: moved().length, adopted: 1, deleted: moved().length, kept: 0 },
    });
  });
});
