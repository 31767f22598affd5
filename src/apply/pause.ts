/** Pausing and unpausing Cluster API Clusters, idempotently, by the one rule in model/capi-pause. */
import type { Getter, Patcher, ResourceRef } from '../adapters/kube/interfaces.js';
import { hasPausedAnnotation, isPaused, pausePatch } from '../model/capi-pause.js';
import type { KubeObject } from '../model/resource-key.js';

/**
 * What setting the pause did: `changed`; `unchanged` (already so); `held` (unpaused
 * `spec.paused`, but the paused annotation, someone else's hold, keeps it paused); `gone`.
 */
export type PauseResult = 'changed' | 'unchanged' | 'held' | 'gone';

/** Options of {@link setPaused}. */
export interface PauseOptions {
  /** Unpausing also removes the paused annotation (an operator's explicit unpause). */
  clearAnnotation?: boolean;
  /** The Cluster as just read, to save a GET. */
  live?: KubeObject;
}

/** Pauses or unpauses one Cluster with a merge patch, unless it already is as asked. */
export async function setPaused(
  client: Getter & Patcher,
  api: ResourceRef,
  key: { namespace: string; name: string },
  paused: boolean,
  options: PauseOptions = {},
): Promise<{ result: PauseResult; object?: KubeObject }> {
  const live = options.live ?? (await client.get(api, key.namespace, key.name));
  if (!live) return { result: 'gone' };
  if (paused) {
    if (isPaused(live)) return { result: 'unchanged', object: live };
    return { result: 'changed', object: await patch(client, api, key, pausePatch(true)) };
  }
  const clear = Boolean(options.clearAnnotation) && hasPausedAnnotation(live);
  const specPaused = (live.spec as { paused?: unknown } | undefined)?.paused === true;
  if (!specPaused && !clear)
    return { result: hasPausedAnnotation(live) ? 'held' : 'unchanged', object: live };
  const object = await patch(client, api, key, pausePatch(false, clear));
  return { result: hasPausedAnnotation(object) ? 'held' : 'changed', object };
}

function patch(
  client: Patcher,
  api: ResourceRef,
  key: { namespace: string; name: string },
  body: Record<string, unknown>,
): Promise<KubeObject> {
  return client.patch(api, key.namespace, key.name, body, 'merge');
}
