/** Pausing and unpausing Clusters in either cluster, through the engine's one pause rule. */
import { setPaused } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { clusterResource, type RunContext, saveState, splitName } from './context.js';
import type { MoveSource, MoveTarget } from './types.js';

async function setAll(
  ctx: RunContext,
  client: MoveSource | MoveTarget,
  where: 'source' | 'target',
  clusters: string[],
  paused: boolean,
): Promise<void> {
  const api = await clusterResource(client, where);
  await mapLimit(clusters, ctx.concurrency, async (c) => {
    const [namespace, name] = splitName(c);
    const { result } = await setPaused(client, api, { namespace, name }, paused);
    ctx.log(`${paused ? 'pause' : 'unpause'} ${c} in the ${where}: ${result}`);
  });
}

/** Pauses, in the source, the Clusters the journal says this move pauses; then creation may start. */
export async function pauseSource(ctx: RunContext): Promise<void> {
  await setAll(ctx, ctx.source, 'source', ctx.journal.state.pausedInSource, true);
  await saveState(ctx, { step: 'creating' });
}

/** Unpauses the Clusters the journal lists as paused in the source (a rollback), then forgets them. */
export async function unpauseSource(ctx: RunContext): Promise<void> {
  await setAll(ctx, ctx.source, 'source', ctx.journal.state.pausedInSource, false);
  await saveState(ctx, { pausedInSource: [] });
}

/** Unpauses the moved Clusters in the target: the last step of a move. */
export async function unpauseTarget(ctx: RunContext): Promise<void> {
  await setAll(ctx, ctx.target, 'target', ctx.journal.state.pausedInTarget, false);
  await saveState(ctx, { pausedInTarget: [], step: 'done', error: undefined }, 'Completed');
}
