/** The deleting phase: each moved object leaves the source — its finalizers removed, deleted with propagationPolicy Orphan. */
import type { ApiResource } from '../adapters/kube/discovery.js';
import type { KubeObject } from '../model/resource-key.js';
import { runBounded } from '../restore/bounded.js';
import type { JournalEntry } from '../restore/journal/index.js';
import { findKind } from '../restore/target.js';
import { crashAfter, journalError, type RunContext, saveState } from './context.js';
import { MoveError } from './errors.js';
import { entryResult, entryState } from './journal.js';

/** The finalizer the API server adds for an orphaning delete; the garbage collector removes it. */
export const ORPHAN_FINALIZER = 'orphan';

/** Parses a `group/Kind/namespace/name` id (core group spelled `core`). */
export function parseId(id: string): { group: string; kind: string; namespace: string; name: string } {
  const [group = '', kind = '', namespace = '', ...rest] = id.split('/');
  return { group: group === 'core' ? '' : group, kind, namespace, name: rest.join('/') };
}

/** True when an object is gone for good: being deleted and held only by the garbage collector's orphan finalizer. */
export function isLeaving(object: KubeObject): boolean {
  const finalizers = object.metadata.finalizers ?? [];
  return Boolean(object.metadata.deletionTimestamp) && finalizers.every((f) => f === ORPHAN_FINALIZER);
}

/**
 * Deletes every moved object from the source in reverse creation order, Clusters last. Objects
 * kept in the source (something not moved needs them) are left alone. The finalizers of the
 * source copy are removed first, so no controller runs its deletion logic (the infrastructure now
 * belongs to the target), and `Orphan` keeps the deletion from cascading to anything not moved.
 */
export async function deleteFromSource(ctx: RunContext): Promise<void> {
  const { resources } = await ctx.source.discover();
  const entries = ctx.journal.entries().reverse();
  const isCluster = (e: JournalEntry) => e.id.startsWith('cluster.x-k8s.io/Cluster/');
  const afterDelete = crashAfter(ctx, ctx.failAfterDeletes, 'deleted from the source');
  let done = 0;
  for (const batch of [entries.filter((e) => !isCluster(e)), entries.filter(isCluster)]) {
    await runBounded(batch, ctx.concurrency, async (e) => {
      const state = entryState(e);
      if (state.source !== 'present') return;
      const kept = ctx.journal.state.kept[e.id] !== undefined;
      if (!kept && (await deleteOne(ctx, resources, e))) afterDelete();
      await record(ctx, e, { ...state, source: kept ? 'kept' : 'deleted' });
      ctx.onProgress?.({ step: 'deleting', done: ++done, total: entries.length });
    });
  }
  await ctx.journal.flush().catch((err: unknown) => {
    throw journalError(ctx, err);
  });
  await saveState(ctx, { pausedInSource: [], step: 'unpausing' });
}

// Returns true when this call deleted the object.
async function deleteOne(
  ctx: RunContext,
  resources: readonly ApiResource[],
  entry: JournalEntry,
): Promise<boolean> {
  const id = parseId(entry.id);
  const api = findKind(resources, id.group, id.kind);
  if (!api)
    throw new MoveError('move.failed', `the source no longer serves ${id.kind} (${id.group || 'core'})`);
  const live = await ctx.source.get(api, id.namespace, id.name);
  if (!live || isLeaving(live)) return false;
  if (entry.oldUid && live.metadata.uid !== entry.oldUid) {
    ctx.warnings.push(
      `${id.kind} ${id.namespace}/${id.name} was replaced in the source during the move; left alone`,
    );
    return false;
  }
  const finalizers = live.metadata.finalizers ?? [];
  const keep = finalizers.filter((f) => f === ORPHAN_FINALIZER);
  if (keep.length !== finalizers.length)
    await ctx.source.patch(
      api,
      id.namespace,
      id.name,
      { metadata: { finalizers: keep.length > 0 ? keep : null } },
      'merge',
    );
  if (live.metadata.deletionTimestamp) return false;
  await ctx.source.delete(api, id.namespace, id.name, { propagationPolicy: 'Orphan' });
  return true;
}

async function record(ctx: RunContext, e: JournalEntry, state: ReturnType<typeof entryState>): Promise<void> {
  try {
    await ctx.journal.record({ ...e, result: entryResult(state) });
  } catch (err) {
    throw journalError(ctx, err);
  }
}
