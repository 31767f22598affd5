/** The deleting phase: each moved object leaves the source — its finalizers removed, deleted with propagationPolicy Orphan. */

import type { ApiResource } from '../adapters/kube/discovery.js';
import { crashAfter, deleteExact } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { CAPI_TYPES } from '../model/capi-names.js';
import { findKind } from '../restore/target.js';
import { journalError, type RunContext, saveState } from './context.js';
import { MoveError } from './errors.js';
import type { MoveEntry } from './journal.js';
import type { EntryState } from './types.js';

/** The finalizer the API server adds for an orphaning delete; the garbage collector removes it. */
export const ORPHAN_FINALIZER = 'orphan';

/** Parses a `group/Kind/namespace/name` id (core group spelled `core`). */
export function parseId(id: string): { group: string; kind: string; namespace: string; name: string } {
  const [group = '', kind = '', namespace = '', ...rest] = id.split('/');
  return { group: group === 'core' ? '' : group, kind, namespace, name: rest.join('/') };
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
  const clusterIdPrefix = `${CAPI_TYPES.cluster.group}/${CAPI_TYPES.cluster.kind}/`;
  const isCluster = (e: MoveEntry) => e.id.startsWith(clusterIdPrefix);
  const afterDelete = crashAfter(ctx.journal, ctx.failAfterDeletes, 'deleted from the source');
  let done = 0;
  for (const batch of [entries.filter((e) => !isCluster(e)), entries.filter(isCluster)]) {
    await mapLimit(batch, ctx.concurrency, async (e) => {
      const state = e.result;
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

// Returns true when this call deleted the object. The source copy's finalizers go first (but the
// garbage collector's orphan one), so no controller runs its deletion logic: the infrastructure
// now belongs to the target; the uid precondition never deletes a replacement of the same name.
async function deleteOne(
  ctx: RunContext,
  resources: readonly ApiResource[],
  entry: MoveEntry,
): Promise<boolean> {
  const id = parseId(entry.id);
  const api = findKind(resources, id.group, id.kind);
  if (!api)
    throw new MoveError('move.failed', `the source no longer serves ${id.kind} (${id.group || 'core'})`);
  const key = { namespace: id.namespace, name: id.name, uid: entry.oldUid };
  const result = await deleteExact(ctx.source, api, key, {
    propagationPolicy: 'Orphan',
    keepFinalizers: [ORPHAN_FINALIZER],
  });
  if (result === 'replaced')
    ctx.warnings.push(
      `${id.kind} ${id.namespace}/${id.name} was replaced in the source during the move; left alone`,
    );
  return result === 'deleted';
}

async function record(ctx: RunContext, e: MoveEntry, state: EntryState): Promise<void> {
  try {
    await ctx.journal.record({ ...e, result: state });
  } catch (err) {
    throw journalError(ctx, err);
  }
}
