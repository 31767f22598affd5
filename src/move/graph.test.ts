/** Tests of graph discovery: ownership, references, naming conventions, move labels, objects shared with clusters left behind. */
import { describe, expect, it } from 'vitest';
import { refTo, src } from '../../test/support/move/objects.js';
import { discoverGraph } from './graph.js';
import type { SourceObject } from './types.js';

const infra = src('VSphereCluster', 'prod', { spec: { identityRef: { kind: 'Secret', name: 'creds' } } });
const cp = src('KubeadmControlPlane', 'prod-cp');
const cluster = src('Cluster', 'prod', {
  spec: { infrastructureRef: refTo(infra), controlPlaneRef: refTo(cp) },
});
const md = src('MachineDeployment', 'prod-md', { owners: [cluster] });
const machine = src('Machine', 'prod-md-1', { owners: [md] });
const template = src('VSphereMachineTemplate', 'prod-tpl', { owners: [cluster] });
const kubeconfig = src('Secret', 'prod-kubeconfig');
const creds = src('Secret', 'creds');
const cpMachine = src('Machine', 'prod-cp-1', { owners: [cp] });
const other = src('Cluster', 'dev', { spec: { infrastructureRef: refTo(src('VSphereCluster', 'dev')) } });
const shared = src('VSphereMachineTemplate', 'shared', { owners: [cluster, other] });
const devSecret = src('Secret', 'dev-kubeconfig');
const unrelated = src('ConfigMap', 'unrelated');
const single = src('ConfigMap', 'single', { labels: { 'clusterctl.cluster.x-k8s.io/move': '' } });
const singleChild = src('Secret', 'single-child', { owners: [single] });
const root = src('ConfigMap', 'root', { labels: { 'clusterctl.cluster.x-k8s.io/move-hierarchy': '' } });
const rootChild = src('Secret', 'root-child', { owners: [root] });
const referencesOther = src('ConfigMap', 'points-at-dev', {
  owners: [cluster],
  extra: { spec: { cluster: { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', name: 'dev' } } },
});

const ALL: SourceObject[] = [
  cluster,
  infra,
  cp,
  md,
  machine,
  template,
  kubeconfig,
  creds,
  cpMachine,
  other,
  shared,
  devSecret,
  unrelated,
  single,
  singleChild,
  root,
  rootChild,
  referencesOther,
];
const graph = discoverGraph(ALL, new Set(['ns/prod']));
const reasons = new Map(graph.objects.map((o) => [`${o.object.kind}/${o.object.metadata.name}`, o.reason]));

describe('graph discovery', () => {
  it.each<[string, string, string | undefined]>([
    ['takes the selected cluster', 'Cluster/prod', 'selected cluster'],
    ['takes what the cluster owns', 'MachineDeployment/prod-md', 'owned by Cluster ns/prod'],
    [
      'takes what its objects own, transitively',
      'Machine/prod-md-1',
      'owned by MachineDeployment ns/prod-md',
    ],
    [
      'takes the infrastructure the cluster references',
      'VSphereCluster/prod',
      'referenced by Cluster ns/prod (spec.infrastructureRef)',
    ],
    [
      'takes the control plane and what it owns',
      'Machine/prod-cp-1',
      'owned by KubeadmControlPlane ns/prod-cp',
    ],
    [
      'takes the identityRef Secret of the infrastructure',
      'Secret/creds',
      'referenced by VSphereCluster ns/prod (spec.identityRef)',
    ],
    ['takes Secrets named after the cluster', 'Secret/prod-kubeconfig', 'named after Cluster ns/prod'],
    ['takes an object labelled move, alone', 'ConfigMap/single', 'labelled clusterctl.cluster.x-k8s.io/move'],
    [
      'takes an object labelled move-hierarchy',
      'ConfigMap/root',
      'labelled clusterctl.cluster.x-k8s.io/move-hierarchy',
    ],
    ['takes what a move-hierarchy object owns', 'Secret/root-child', 'owned by ConfigMap ns/root'],
    ['leaves the children of a move-labelled object', 'Secret/single-child', undefined],
    ['leaves another cluster, even when a moved object references it', 'Cluster/dev', undefined],
    ["leaves another cluster's Secrets", 'Secret/dev-kubeconfig', undefined],
    ['leaves unrelated objects', 'ConfigMap/unrelated', undefined],
  ])('%s', (_name, key, reason) => {
    expect(reasons.get(key)).toBe(reason);
  });

  it('copies but keeps in the source what a cluster left behind also needs', () => {
    const kept = graph.objects
      .filter((o) => o.keepInSource)
      .map((o) => [o.object.metadata.name, o.keepInSource]);
    expect(kept).toEqual([['shared', 'also needed by Cluster ns/dev, which is not moved']]);
  });

  it('lists the moved clusters', () => {
    expect(graph.clusters).toEqual(['ns/prod']);
    expect(discoverGraph(ALL, new Set(['ns/prod', 'ns/dev'])).clusters).toEqual(['ns/dev', 'ns/prod']);
  });

  it('keeps nothing in the source when every cluster moves', () => {
    expect(discoverGraph(ALL, new Set(['ns/prod', 'ns/dev'])).objects.filter((o) => o.keepInSource)).toEqual(
      [],
    );
  });

  it('takes only labelled objects when no cluster is selected', () => {
    const names = discoverGraph(ALL, new Set()).objects.map((o) => o.object.metadata.name);
    expect(names.sort()).toEqual(['root', 'root-child', 'single']);
  });
});
