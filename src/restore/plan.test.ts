/** Tests of the restore planner: order, selection, prepared objects, refusals. */
import { describe, expect, it } from 'vitest';
import { crd, itemOf, obj, servingAll } from '../../test/support/restore/items.js';
import type { BackupItem } from '../format/index.js';
import { capiTopology, configMap, namespace, secret } from '../lab/builders/index.js';
import { buildPlan } from './plan.js';
import type { PlanOptions, RestorePlan } from './types.js';

const OPTIONS: PlanOptions = { restoreName: 'r1', backupName: 'b1' };

function topologyItems(version: 'v1beta1' | 'v1beta2' = 'v1beta1'): BackupItem[] {
  const t = capiTopology({
    namespace: 'ns1',
    name: 'c1',
    apiVersion: version,
    controlPlane: 3,
    workers: [{ pool: 'md-0', replicas: 2 }],
    server: 'vc',
  });
  return [namespace('ns1').build(), ...t.objects, configMap('ns1', 'loose').build()].map((o) => itemOf(o));
}

function stepOf(plan: RestorePlan, kind: string, name?: string): number {
  const step = plan.steps.find((s) =>
    s.objects.some((o) => o.object.kind === kind && (!name || o.target.name === name)),
  );
  if (!step) throw new Error(`${kind} ${name ?? ''} not planned`);
  return step.index;
}

describe('the restore order', () => {
  const items = topologyItems();
  const plan = buildPlan(items, servingAll(items), OPTIONS);
  const first = (kind: string) => stepOf(plan, kind);

  it.each([
    ['namespaces come before ownerless configmaps', 'Namespace', 'ConfigMap'],
    ['ownerless configmaps (a Velero priority) come before the Cluster', 'ConfigMap', 'Cluster'],
    ['the Cluster comes before its control plane', 'Cluster', 'KubeadmControlPlane'],
    ['the Cluster comes before its machine deployments', 'Cluster', 'MachineDeployment'],
    ['the Cluster comes before its infrastructure cluster', 'Cluster', 'VSphereCluster'],
    ['templates come before the objects that clone them', 'VSphereMachineTemplate', 'MachineDeployment'],
    ['a MachineDeployment comes before its MachineSet', 'MachineDeployment', 'MachineSet'],
    ['the control plane comes before the secrets it owns', 'KubeadmControlPlane', 'Secret'],
  ])('%s', (_name, before, after) => {
    expect(first(before)).toBeLessThan(first(after));
  });

  it('puts every object after each owner it restores, in v1beta1 and v1beta2', () => {
    for (const version of ['v1beta1', 'v1beta2'] as const) {
      const all = topologyItems(version);
      const p = buildPlan(all, servingAll(all), OPTIONS);
      const stepById = new Map(p.steps.flatMap((s) => s.objects.map((o) => [o.id, s.index] as const)));
      let links = 0;
      for (const o of p.steps.flatMap((s) => s.objects))
        for (const link of o.owners) {
          expect(link.kind).toBe('planned');
          if (link.kind === 'planned') expect(stepById.get(link.ownerId)!).toBeLessThan(stepById.get(o.id)!);
          links++;
        }
      expect(links).toBeGreaterThan(30);
      expect(p.total).toBe(all.length);
    }
  });

  it('orders a worker Machine before its infrastructure machine and bootstrap config, and a VSphereMachine before its VSphereVM', () => {
    const machine = plan.steps
      .flatMap((s) => s.objects)
      .find((o) => o.object.kind === 'Machine' && o.object.metadata.labels?.['cluster.x-k8s.io/set-name'])!;
    const name = machine.target.name;
    expect(stepOf(plan, 'Machine', name)).toBeLessThan(stepOf(plan, 'VSphereMachine', name));
    expect(stepOf(plan, 'Machine', name)).toBeLessThan(stepOf(plan, 'KubeadmConfig', name));
    expect(stepOf(plan, 'VSphereMachine', name)).toBeLessThan(stepOf(plan, 'VSphereVM', name));
  });

  it('breaks an ownership cycle with a warning instead of failing', () => {
    const a = obj('v1', 'ConfigMap', 'ns1', 'a', {
      metadata: {
        name: 'a',
        uid: 'ua',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: 'ub' }],
      },
    });
    const b = obj('v1', 'ConfigMap', 'ns1', 'b', {
      metadata: {
        name: 'b',
        uid: 'ub',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: 'ua' }],
      },
    });
    const cyclic = [a, b].map((o) => itemOf(o));
    const p = buildPlan(cyclic, servingAll(cyclic), OPTIONS);
    expect(p.total).toBe(3);
    expect(p.warnings).toEqual([expect.stringContaining('ownership cycle')]);
  });
});

describe('what the plan restores', () => {
  const items = [
    ...topologyItems(),
    itemOf(secret('other', 'creds').build()),
    itemOf(obj('v1', 'Event', 'ns1', 'e1')),
    itemOf(obj('v1', 'Node', undefined, 'node-1')),
  ];
  const target = servingAll(items);

  it.each<[string, Partial<PlanOptions>, string, string | undefined]>([
    ['everything by default, except kinds Velero never restores', {}, 'Secret ns1/c1-ca', undefined],
    ['nodes never', {}, 'Node node-1', 'nodes is never restored'],
    ['events never', {}, 'Event ns1/e1', 'events is never restored'],
    [
      'only included namespaces',
      { includeNamespaces: ['other'] },
      'Secret ns1/c1-ca',
      'namespace ns1 is not included',
    ],
    [
      'not excluded namespaces',
      { excludeNamespaces: ['ns*'] },
      'Secret ns1/c1-ca',
      'namespace ns1 is excluded',
    ],
    [
      'only included resources',
      { includeResources: ['machines.cluster.x-k8s.io'] },
      'Secret ns1/c1-ca',
      'secrets is not in --include-resources',
    ],
    ['not excluded resources', { excludeResources: ['secrets'] }, 'Secret ns1/c1-ca', 'secrets is excluded'],
    [
      'only objects matching the label selector',
      { labelSelector: 'cluster.x-k8s.io/cluster-name=other' },
      'Secret ns1/c1-ca',
      'does not match the label selector',
    ],
  ])('%s', (_name, options, key, reason) => {
    const plan = buildPlan(items, target, { ...OPTIONS, ...options });
    const planned = plan.steps
      .flatMap((s) => s.objects)
      .map((o) => `${o.object.kind} ${o.target.namespace ? `${o.target.namespace}/` : ''}${o.target.name}`);
    const skipped = plan.skipped.find(
      (s) => `${s.key.kind} ${s.key.namespace ? `${s.key.namespace}/` : ''}${s.key.name}` === key,
    );
    if (reason === undefined) expect(planned).toContain(key);
    else expect(skipped?.reason).toContain(reason);
  });

  it('adds the namespace of restored objects when the backup’s Namespace is not restored', () => {
    const plan = buildPlan(items, target, { ...OPTIONS, includeNamespaces: ['other'] });
    const ns = plan.steps.flatMap((s) => s.objects).find((o) => o.object.kind === 'Namespace')!;
    expect([ns.target.name, ns.implicit]).toEqual(['other', true]);
  });

  it('restores the CRDs of restored objects in a namespaced restore, and no others', () => {
    const crds = [crd('cluster.x-k8s.io', 'Cluster', ['v1beta1']), crd('example.com', 'Widget', ['v1'])].map(
      (o) => itemOf(o),
    );
    const all = [...items, ...crds];
    const plan = buildPlan(all, servingAll(all), { ...OPTIONS, includeNamespaces: ['ns1'] });
    const names = plan.steps[0]!.objects.map((o) => o.target.name);
    expect(names).toEqual(['clusters.cluster.x-k8s.io']);
    expect(plan.skipped.find((s) => s.key.name === 'widgets.example.com')?.reason).toContain(
      'no restored object needs this CRD',
    );
  });
});

describe('the objects the plan writes', () => {
  const items = topologyItems();
  const all = (options: Partial<PlanOptions> = {}) =>
    buildPlan(items, servingAll(items), { ...OPTIONS, ...options }).steps.flatMap((s) => s.objects);

  it('have no server-set metadata and carry the restore labels', () => {
    for (const o of all()) {
      expect(Object.keys(o.object.metadata)).not.toEqual(expect.arrayContaining(['uid']));
      expect(o.object.metadata.labels).toMatchObject({
        'driftline.dev/restore-name': 'r1',
        'driftline.dev/backup-name': 'b1',
      });
      expect(o.object.status).toBeUndefined();
    }
  });

  it('pause Clusters', () => {
    const cluster = all().find((o) => o.object.kind === 'Cluster')!;
    expect([(cluster.object.spec as { paused: boolean }).paused, cluster.pausedByRestore]).toEqual([
      true,
      true,
    ]);
  });

  it('keep status aside only for the resources asked for', () => {
    const withStatus = all({ restoreStatus: ['clusters.cluster.x-k8s.io'] }).filter((o) => o.status);
    expect(withStatus.map((o) => o.object.kind)).toEqual(['Cluster']);
    expect(all({ restoreStatus: ['*'] }).filter((o) => o.status).length).toBeGreaterThan(10);
  });

  it('follow a namespace mapping, references included', () => {
    const mapped = all({ namespaceMapping: { ns1: 'dr' } });
    expect(new Set(mapped.map((o) => o.target.namespace))).toEqual(new Set(['', 'dr']));
    expect(mapped.find((o) => o.object.kind === 'Namespace')!.target.name).toBe('dr');
    const cluster = mapped.find((o) => o.object.kind === 'Cluster')!;
    expect(
      (cluster.object.spec as { infrastructureRef: { namespace: string } }).infrastructureRef.namespace,
    ).toBe('dr');
  });
});

describe('a target that cannot take the backup', () => {
  const items = topologyItems();

  it('is reported per resource with what is missing', () => {
    const target = servingAll(items).filter((r) => r.resource !== 'machines');
    const plan = buildPlan(items, target, OPTIONS);
    expect(plan.problems).toEqual([
      {
        resource: 'machines.cluster.x-k8s.io',
        count: 5,
        message: expect.stringContaining('the target does not serve machines.cluster.x-k8s.io'),
      },
    ]);
  });

  it('names the versions when the target serves others', () => {
    const target = servingAll(items).map((r) =>
      r.resource === 'clusters' ? { ...r, version: 'v1beta2' } : r,
    );
    const plan = buildPlan(items, target, OPTIONS);
    expect(plan.problems[0]?.message).toBe(
      'the target serves clusters.cluster.x-k8s.io in v1beta2 but the backup holds v1beta1',
    );
  });

  it('is not a problem when the restore brings the CRD', () => {
    const withCrd = [...items, itemOf(crd('cluster.x-k8s.io', 'Machine', ['v1beta1']))];
    const target = servingAll(withCrd).filter((r) => r.resource !== 'machines');
    expect(buildPlan(withCrd, target, OPTIONS).problems).toEqual([]);
  });

  it('skips resources the target does not allow creating', () => {
    const status = [itemOf(obj('v1', 'ComponentStatus', undefined, 'etcd-0'))];
    const plan = buildPlan(status, servingAll(status, ['get', 'list']), OPTIONS);
    expect(plan.skipped[0]?.reason).toBe('the target does not allow creating componentstatuss');
  });
});
