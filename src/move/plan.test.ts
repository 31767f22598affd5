/** Tests of the move planner: prepared objects, owner-first order, owner links, unserved types. */
import { describe, expect, it } from 'vitest';
import { apiOf, refTo, src } from '../../test/support/move/objects.js';
import { discoverGraph } from './graph.js';
import { buildMovePlan, planObjects } from './plan.js';
import type { MovePlanned } from './types.js';
import { chooseVersions } from './versions.js';

const infra = src('VSphereCluster', 'prod');
const cluster = src('Cluster', 'prod', {
  spec: { infrastructureRef: refTo(infra) },
  status: { phase: 'Provisioned' },
  finalizers: ['cluster.cluster.x-k8s.io'],
});
const md = src('MachineDeployment', 'prod-md', { owners: [cluster] });
const machine = src('Machine', 'prod-md-1', { owners: [md], status: { phase: 'Running' } });
const kubeconfig = src('Secret', 'prod-kubeconfig', { owners: [cluster], status: { x: 1 } });
const objects = [machine, md, kubeconfig, infra, cluster];
const kinds = ['Cluster', 'MachineDeployment', 'Machine', 'VSphereCluster', 'Secret'];
const served = kinds.map((k) => apiOf(k));
const plan = buildMovePlan(
  discoverGraph(objects, new Set(['ns/prod'])),
  chooseVersions(served, served),
  'm1',
);
const byName = new Map(planObjects(plan).map((p) => [`${p.object.kind}/${p.object.metadata.name}`, p]));
const stepOf = (key: string) =>
  plan.steps.findIndex((s) => s.objects.some((o) => `${o.object.kind}/${o.object.metadata.name}` === key));

describe('a move plan', () => {
  it('holds every object of the graph once', () => {
    expect([plan.total, plan.problems, plan.clusters, plan.namespaces]).toEqual([5, [], ['ns/prod'], ['ns']]);
  });

  it.each<[string, string]>([
    ['Cluster/prod', 'MachineDeployment/prod-md'],
    ['MachineDeployment/prod-md', 'Machine/prod-md-1'],
    ['Cluster/prod', 'Secret/prod-kubeconfig'],
  ])('creates %s before %s', (owner, dependent) => {
    expect(stepOf(owner)).toBeLessThan(stepOf(dependent));
  });

  it('pauses clusters, labels every object with the move, drops server fields and keeps finalizers', () => {
    const c = byName.get('Cluster/prod')!;
    expect(c.object.spec).toMatchObject({ paused: true });
    expect(c.pausedByRestore).toBe(true);
    expect(c.object.metadata).toEqual({
      name: 'prod',
      namespace: 'ns',
      labels: { 'driftline.dev/move': 'm1' },
      finalizers: ['cluster.cluster.x-k8s.io'],
    });
    expect(c.oldUid).toBe('uid-Cluster-prod');
  });

  it.each<[string, unknown]>([
    ['Cluster/prod', { phase: 'Provisioned' }],
    ['Machine/prod-md-1', { phase: 'Running' }],
    ['Secret/prod-kubeconfig', undefined],
  ])('keeps the status of %s aside only for Cluster API kinds', (key, status) => {
    expect(byName.get(key)!.status).toEqual(status);
    expect(byName.get(key)!.object.status).toBeUndefined();
  });

  it('links each owner reference to the moved owner', () => {
    const m: MovePlanned = byName.get('Machine/prod-md-1')!;
    expect(m.owners).toEqual([
      { index: 0, kind: 'planned', ownerId: 'cluster.x-k8s.io/MachineDeployment/ns/prod-md' },
    ]);
    expect(m.reason).toBe('owned by MachineDeployment ns/prod-md');
  });

  it('leaves owners that are not moved to be looked up in the target', () => {
    const lone = src('ConfigMap', 'lone', {
      labels: { 'clusterctl.cluster.x-k8s.io/move': '' },
      owners: [src('Secret', 'elsewhere')],
    });
    const cm = [apiOf('ConfigMap'), apiOf('Secret')];
    const [p] = planObjects(buildMovePlan(discoverGraph([lone], new Set()), chooseVersions(cm, cm), 'm1'));
    expect(p!.owners).toEqual([
      { index: 0, kind: 'external', group: '', ownerKind: 'Secret', namespace: 'ns', name: 'elsewhere' },
    ]);
  });

  it('reports the types the target cannot serve, with their object counts', () => {
    const partial = buildMovePlan(
      discoverGraph(objects, new Set(['ns/prod'])),
      chooseVersions(served, served.slice(0, 3)),
      'm1',
    );
    expect(partial.problems.map((p) => p.message)).toEqual([
      'secrets (1 object): the target does not serve secrets: install its CRD in the target first',
      'vsphereclusters.infrastructure.cluster.x-k8s.io (1 object): the target does not serve vsphereclusters.infrastructure.cluster.x-k8s.io: install its CRD in the target first',
    ]);
    expect(partial.total).toBe(3);
  });
});

describe('a cluster-scoped identity in a move plan', () => {
  const identityPlan = (secret?: { owned: boolean }) => {
    const identity = src('VSphereClusterIdentity', 'vc-id', { spec: { secretName: 'vc-creds' } });
    identity.resource = { ...identity.resource, group: 'infrastructure.cluster.x-k8s.io', namespaced: false };
    identity.object.apiVersion = 'infrastructure.cluster.x-k8s.io/v1beta1';
    delete identity.object.metadata.namespace;
    const vsphere = src('VSphereCluster', 'prod', {
      spec: { identityRef: { kind: 'VSphereClusterIdentity', name: 'vc-id' } },
    });
    const owner = src('Cluster', 'prod', { spec: { infrastructureRef: refTo(vsphere) } });
    // An unowned Secret of that name is moved too (labelled), but it is some other Secret.
    const creds =
      secret &&
      src(
        'Secret',
        'vc-creds',
        secret.owned ? { owners: [identity] } : { labels: { 'clusterctl.cluster.x-k8s.io/move': '' } },
      );
    const all = [owner, vsphere, identity, ...(creds ? [creds] : [])];
    const types = [...['Cluster', 'VSphereCluster', 'Secret'].map((k) => apiOf(k)), identity.resource];
    return buildMovePlan(discoverGraph(all, new Set(['ns/prod'])), chooseVersions(types, types), 'm1');
  };
  const warning =
    "VSphereClusterIdentity vc-id names Secret vc-creds in its provider's namespace, which is not moved: create it in the target (or add that namespace with -n)";

  it('is copied and kept in the source', () => {
    const planned = planObjects(identityPlan()).find((p) => p.object.kind === 'VSphereClusterIdentity');
    expect(planned?.keepInSource).toBe(
      'cluster-scoped: clusters in namespaces that are not moved may use it',
    );
  });

  it('warns about its Secret unless the move takes the Secret it owns', () => {
    expect(identityPlan().warnings).toContain(warning);
    expect(identityPlan({ owned: false }).warnings).toContain(warning);
    expect(identityPlan({ owned: true }).warnings).not.toContain(warning);
  });
});
