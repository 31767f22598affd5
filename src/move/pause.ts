/** Pausing and unpausing Clusters (`spec.paused`), idempotently, in either cluster. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { runBounded } from '../restore/bounded.js';
import { clusterResource, type RunContext, saveState, splitName } from './context.js';
import type { MoveSource, MoveTarget } from './types.js';

/** What setting the pause did. */
export type PauseResult = 'changed' | 'unchanged' | 'gone';

/** Sets `spec.paused` on one Cluster (a merge patch), unless it already has that value. */
export async function setPaused(
  client: MoveSource | MoveTarget,
  api: ResourceRef,
  cluster: string,
  paused: boolean,
): Promise<PauseResult> {
  const [namespace, name] = splitName(cluster);
  const live = await client.get(api, namespace, name);
  if (!live) return 'gone';
  if (((live.spec as { paused?: boolean } | undefined)?.paused === true) === paused) return 'unchanged';
  await client.patch(api, namespace, name, { spec: { paused } }, 'merge');
  return 'changed';
}

/** Pauses, in the source, the Clusters the journal says this move pauses; then creation may start. */
export async function pauseSource(ctx: RunContext): Promise<void> {
  const api = await clusterResource(ctx.source, 'source');
  const clusters = ctx.journal.state.pausedInSource;
  await runBounded(clusters, ctx.concurrency, async (c) => {
    const result = await setPaused(ctx.source, api, c, true);
    ctx.log(`pause ${c} in the source: ${result}`);
  });
  await saveState(ctx, { step: 'creating' });
}

/** Unpauses the Clusters the journal lists as paused in the source (a rollback), then forgets them. */
export async function unpauseSource(ctx: RunContext): Promise<void> {
  const api = await clusterResource(ctx.source, 'source');
  await runBounded(ctx.journal.state.pausedInSource, ctx.concurrency, async (c) => {
    ctx.log(`unpause ${c} in the source: ${await setPaused(ctx.source, api, c, false)}`);
  });
  await saveState(ctx, { pausedInSource: [] });
}

/** Unpauses the moved Clusters in the target: the last step of a move. */
export async function unpauseTarget(ctx: RunContext): Promise<void> {
  const api = await clusterResource(ctx.target, 'target');
  await runBounded(ctx.journal.state.pausedInTarget, ctx.concurrency, async (c) => {
    ctx.log(`unpause ${c} in the target: ${await setPaused(ctx.target, api, c, false)}`);
  });
  await saveState(ctx, { pausedInTarget: [], step: 'done', error: undefined }, 'Completed');
}
