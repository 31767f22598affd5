/** Shared set-up for the restore tests: a source and a target API server, and owner-reference checks. */
import { delimiter } from 'node:path';
import { expect } from 'vitest';
import type { KubeClient } from '../../src/adapters/kube/index.js';
import { configMap, secret } from '../../src/lab/builders/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { TestEnv } from '../env/harness.js';
import { seedClusters } from './seed-capi.js';

/** Two API servers and a KUBECONFIG naming both contexts (`source`, `target`). */
export interface RestoreEnv {
  env: TestEnv;
  kube: NodeJS.ProcessEnv;
  source: KubeClient;
  target: KubeClient;
}

/** Starts `source` and `target`. */
export async function startRestoreEnv(): Promise<RestoreEnv> {
  const env = await TestEnv.start({ clusters: ['source', 'target'] });
  const paths = ['source', 'target'].map((name) => env.cluster(name).server.kubeconfigPath);
  return {
    env,
    kube: { KUBECONFIG: paths.join(delimiter) },
    source: env.cluster('source').client,
    target: env.cluster('target').client,
  };
}

/**
 * Asserts every owner reference of the restored `objects` points at the restored owner's new uid
 * (never the backed-up one), with `controller` and `blockOwnerDeletion` kept. `from` is the
 * backed-up namespace when the restore mapped it. Returns how many references were checked.
 */
export function expectOwnersPointAtTargetObjects(
  objects: KubeObject[],
  sourceObjects: Map<string, KubeObject>,
  from: string,
): number {
  const byKindName = new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
  let checked = 0;
  for (const o of objects) {
    const backedUp = sourceObjects.get(`${o.kind}/${from || o.metadata.namespace}/${o.metadata.name}`);
    const refs = o.metadata.ownerReferences ?? [];
    expect(refs.length, `${o.kind} ${o.metadata.name}`).toBe(backedUp?.metadata.ownerReferences?.length ?? 0);
    for (const [i, ref] of refs.entries()) {
      const owner = byKindName.get(`${ref.kind}/${o.metadata.namespace}/${ref.name}`);
      expect(owner, `owner ${ref.kind} ${ref.name} of ${o.metadata.name}`).toBeDefined();
      expect(ref.uid).toBe(owner!.metadata.uid);
      const old = backedUp!.metadata.ownerReferences![i]!;
      expect(ref.uid).not.toBe(old.uid);
      expect([ref.controller, ref.blockOwnerDeletion]).toEqual([old.controller, old.blockOwnerDeletion]);
      checked++;
    }
  }
  return checked;
}

/**
 * Seeds `source`: prod-1 (v1beta1, tkg-prod) and edge-1 (v1beta2, capi-v2) owners first, so
 * ownerReferences carry real uids, with finalizers and status; plus a ConfigMap and a Secret.
 */
export async function seedTwoClusters(testEnv: TestEnv): Promise<void> {
  await seedClusters(
    testEnv,
    'source',
    [
      { namespace: 'tkg-prod', name: 'prod-1', controlPlane: 3, workers: [{ pool: 'md-0', replicas: 2 }] },
      {
        namespace: 'capi-v2',
        name: 'edge-1',
        apiVersion: 'v1beta2',
        controlPlane: 1,
        workers: [{ pool: 'md-0', replicas: 1 }],
      },
    ],
    {
      withStatus: true,
      adjust: (body) => {
        if (body.kind === 'Cluster') body.metadata.finalizers = ['cluster.cluster.x-k8s.io'];
        if (body.kind === 'Machine') body.metadata.finalizers = ['machine.cluster.x-k8s.io'];
      },
    },
  );
  await testEnv.create('source', [
    configMap('tkg-prod', 'settings').data({ a: '1' }).build(),
    secret('tkg-prod', 'extra-creds').data({ password: 'hunter2' }).build(),
  ]);
}
