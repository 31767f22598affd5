/** Creates fixture objects in a real API server owners first, with ownerReferences pointing at real uids. */

import { capiTopology, namespace, type TopologyOptions } from '../../src/lab/builders/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { TestEnv } from '../env/harness.js';

/** How to adjust each object before it is created. */
export interface SeedOptions {
  /** Changes the body in place before creation (finalizers, paused, annotations …). */
  adjust?: (body: KubeObject) => void;
  /** Writes Cluster and Machine status through the status subresource after creation. */
  withStatus?: boolean;
}

/**
 * Builders give objects fake uids; the server assigns real ones. Creating in order (owners first,
 * as capiTopology lists them) lets each ownerReference be rewritten to its owner's real uid.
 */
export async function createOwnersFirst(
  env: TestEnv,
  cluster: string,
  objects: readonly KubeObject[],
  options: SeedOptions = {},
): Promise<KubeObject[]> {
  const { client } = env.cluster(cluster);
  const realUid = new Map<string, string>();
  const created: KubeObject[] = [];
  for (const object of objects) {
    const { status, ...rest } = structuredClone(object);
    const body = rest as KubeObject;
    options.adjust?.(body);
    for (const ref of body.metadata.ownerReferences ?? []) ref.uid = realUid.get(ref.uid) ?? ref.uid;
    const [made] = await env.create(cluster, [body]);
    realUid.set(object.metadata.uid!, made!.metadata.uid!);
    created.push(made!);
    if (options.withStatus && status && (body.kind === 'Cluster' || body.kind === 'Machine')) {
      const version = made!.apiVersion.split('/')[1];
      const ref = await client.resolve({ group: 'cluster.x-k8s.io', version, kind: body.kind });
      await client.replaceStatus(ref, { ...made!, status });
    }
  }
  return created;
}

/**
 * Creates the namespaces of `clusters` and every cluster's topology (vCenter `vc.example` unless
 * given) owners first, in one API server; the shape most restore and move tests start from.
 */
export async function seedClusters(
  env: TestEnv,
  cluster: string,
  clusters: Array<Omit<TopologyOptions, 'server'> & { server?: string }>,
  options: SeedOptions = {},
): Promise<KubeObject[]> {
  const namespaces = [...new Set(clusters.map((c) => c.namespace))];
  await env.create(
    cluster,
    namespaces.map((ns) => namespace(ns).build()),
  );
  const objects = clusters.flatMap((c) => capiTopology({ server: 'vc.example', ...c }).objects);
  return createOwnersFirst(env, cluster, objects, options);
}
