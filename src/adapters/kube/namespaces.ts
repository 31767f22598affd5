/** Creating a namespace that may already exist (idempotent), for journals, state and moved objects. */
import { CORE_RESOURCES } from './core-resources.js';
import { KubeError } from './errors.js';
import type { Creator, ResourceRef } from './interfaces.js';

/** The core Namespace resource. */
export const NAMESPACES: ResourceRef = CORE_RESOURCES.namespaces;

/** Creates namespace `name` unless it exists; resolves true when this call created it. */
export async function ensureNamespace(
  client: Creator,
  name: string,
  labels?: Record<string, string>,
): Promise<boolean> {
  try {
    await client.create(NAMESPACES, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, ...(labels && { labels }) },
    });
    return true;
  } catch (err) {
    if (err instanceof KubeError && err.code === 'kube.conflict') return false;
    throw err;
  }
}
