/** Two real API servers for the move tests: a source seeded with Cluster API clusters (v1beta1 and v1beta2), helpers to compare both sides. */
import { delimiter } from 'node:path';
import type { KubeClient, ResourceRef } from '../../src/adapters/kube/index.js';
import { isCapiGroup } from '../../src/backup/capi-preset.js';
import { capiTopology, configMap, namespace, secret } from '../../src/lab/builders/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';
import { createOwnersFirst } from './seed-capi.js';

/** The environment of one move test file. */
export interface MoveEnv {
  env: TestEnv;
  source: KubeClient;
  target: KubeClient;
  /** Environment for the CLI: KUBECONFIG naming both servers' contexts (`source`, `target`). */
  kube: NodeJS.ProcessEnv;
}

/** `Kind/namespace/name` of the objects each seeded cluster brings (its topology). */
export type Seeded = Record<'prod-1' | 'stay-1' | 'edge-1', string[]>;

/** The labelled objects in tkg-prod: moved alongside whatever cluster is moved from there. */
export const LABELLED = [
  'ConfigMap/tkg-prod/extra-settings',
  'ConfigMap/tkg-prod/addons',
  'Secret/tkg-prod/addons-data',
];

/** Objects in tkg-prod no move touches. */
export const UNRELATED = ['ConfigMap/tkg-prod/unrelated', 'Secret/tkg-prod/unrelated-creds'];

/** Starts source and target with the project CRDs; the target lacks the CRDs whose file names contain `skip`. */
export async function startMoveEnv(skip: string[] = []): Promise<MoveEnv> {
  const env = await TestEnv.start({ clusters: ['source', 'target'] });
  const crds = loadProjectCrds();
  await Promise.all([
    env.installCrds('source', crds),
    env.installCrds(
      'target',
      crds.filter((c) => !skip.includes(c.metadata.name)),
    ),
  ]);
  const paths = ['source', 'target'].map((name) => env.cluster(name).server.kubeconfigPath);
  return {
    env,
    source: env.cluster('source').client,
    target: env.cluster('target').client,
    kube: { KUBECONFIG: paths.join(delimiter) },
  };
}

/** Runs `driftline move --from-context source --to-context target …`. */
export function move(kube: NodeJS.ProcessEnv, ...args: string[]) {
  return driftline(['move', '--from-context', 'source', '--to-context', 'target', ...args], kube);
}

/**
 * Seeds the source: tkg-prod holds prod-1 (v1beta1, its VSphereCluster's identityRef naming a
 * Secret) and stay-1, labelled and unrelated objects; capi-v2 holds edge-1 (v1beta2). Objects are
 * created owners first so ownerReferences carry real uids; Clusters and Machines have finalizers and status.
 */
export async function seedSource(m: MoveEnv): Promise<Seeded> {
  await m.env.create('source', [namespace('tkg-prod').build(), namespace('capi-v2').build()]);
  const server = 'vc.example';
  const topologies = {
    'prod-1': capiTopology({
      namespace: 'tkg-prod',
      name: 'prod-1',
      controlPlane: 1,
      workers: [{ pool: 'md-0', replicas: 2 }],
      server,
    }),
    'stay-1': capiTopology({ namespace: 'tkg-prod', name: 'stay-1', controlPlane: 1, server }),
    'edge-1': capiTopology({
      namespace: 'capi-v2',
      name: 'edge-1',
      apiVersion: 'v1beta2',
      controlPlane: 1,
      workers: [{ pool: 'md-0', replicas: 1 }],
      server,
    }),
  };
  await createOwnersFirst(
    m.env,
    'source',
    Object.values(topologies).flatMap((t) => t.objects),
    {
      withStatus: true,
      adjust: (body) => {
        if (body.kind === 'Cluster') body.metadata.finalizers = ['cluster.cluster.x-k8s.io'];
        if (body.kind === 'Machine') body.metadata.finalizers = ['machine.cluster.x-k8s.io'];
        if (body.kind === 'VSphereCluster' && body.metadata.name === 'prod-1')
          (body.spec as Record<string, unknown>).identityRef = {
            kind: 'Secret',
            name: 'prod-1-vsphere-creds',
          };
      },
    },
  );
  const [addons] = await m.env
    .create('source', [
      secret('tkg-prod', 'prod-1-vsphere-creds').data({ username: 'u', password: 'p' }).build(),
      configMap('tkg-prod', 'addons')
        .withLabels({ 'clusterctl.cluster.x-k8s.io/move-hierarchy': '' })
        .data({ a: '1' })
        .build(),
    ])
    .then((c) => c.slice(1));
  await m.env.create('source', [
    secret('tkg-prod', 'addons-data').data({ token: 't' }).ownedBy(addons!).build(),
    configMap('tkg-prod', 'extra-settings')
      .withLabels({ 'clusterctl.cluster.x-k8s.io/move': '' })
      .data({ b: '2' })
      .build(),
    configMap('tkg-prod', 'unrelated').data({ c: '3' }).build(),
    secret('tkg-prod', 'unrelated-creds').data({ d: '4' }).build(),
  ]);
  const keys = (name: keyof typeof topologies) =>
    topologies[name].objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
  return {
    'prod-1': [...keys('prod-1'), 'Secret/tkg-prod/prod-1-vsphere-creds'],
    'stay-1': keys('stay-1'),
    'edge-1': keys('edge-1'),
  };
}

/** Every Secret, ConfigMap and Cluster API object in `namespaces`, by `Kind/namespace/name`. */
export async function snapshot(client: KubeClient, namespaces: string[]): Promise<Map<string, KubeObject>> {
  const { resources } = await client.discover(true);
  const refs: ResourceRef[] = resources.filter(
    (r) =>
      r.preferred &&
      r.namespaced &&
      (isCapiGroup(r.group) || (r.group === '' && ['secrets', 'configmaps'].includes(r.resource))),
  );
  const out = new Map<string, KubeObject>();
  for (const ref of refs)
    for (const ns of namespaces)
      for (const o of (await client.list(ref, { namespace: ns })).items) {
        if (o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt') continue;
        out.set(`${o.kind}/${ns}/${o.metadata.name}`, o);
      }
  return out;
}

/** Does what kube-controller-manager's garbage collector would: releases objects held only by the orphan finalizer. */
export async function collectGarbage(client: KubeClient, namespaces: string[]): Promise<number> {
  let released = 0;
  for (const o of (await snapshot(client, namespaces)).values()) {
    if (!o.metadata.deletionTimestamp || o.metadata.finalizers?.join() !== 'orphan') continue;
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    const ref = await client.resolve({ group, version, kind: o.kind });
    await client.patch(
      ref,
      o.metadata.namespace ?? '',
      o.metadata.name,
      { metadata: { finalizers: null } },
      'merge',
    );
    released++;
  }
  return released;
}

/**
 * Checks the moved objects in the target: exactly `keys`, every ownerReference pointing at the
 * target's owner (a new uid, never the source's), as many references as in the source.
 */
export function ownersRebuilt(
  target: Map<string, KubeObject>,
  source: Map<string, KubeObject>,
  keys: string[],
): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    const o = target.get(key);
    const before = source.get(key);
    if (!o || !before) {
      problems.push(`${key}: ${o ? 'not in the source snapshot' : 'missing in the target'}`);
      continue;
    }
    const refs = o.metadata.ownerReferences ?? [];
    if (refs.length !== (before.metadata.ownerReferences?.length ?? 0))
      problems.push(`${key}: owner references differ in number`);
    for (const ref of refs) {
      const owner = target.get(`${ref.kind}/${o.metadata.namespace}/${ref.name}`);
      if (ref.uid !== owner?.metadata.uid)
        problems.push(`${key}: owner ${ref.kind} ${ref.name} has uid ${ref.uid}`);
      if (ref.uid === source.get(`${ref.kind}/${o.metadata.namespace}/${ref.name}`)?.metadata.uid)
        problems.push(`${key}: owner ${ref.kind} ${ref.name} keeps the source uid`);
    }
  }
  return problems;
}
