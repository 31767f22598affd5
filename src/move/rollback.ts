/** Rolling back a move that has not started deleting from the source: target copies removed, source unpaused. */
import type { ApiResource } from '../adapters/kube/discovery.js';
import { deleteExact } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { describeKey } from '../model/resource-key.js';
import { readAnnotation } from '../model/vocabulary.js';
import { findKind } from '../restore/target.js';
import { labelValue } from '../restore/transforms/index.js';
import { journalError, type RunContext, saveState } from './context.js';
import { parseId } from './delete.js';
import { MoveError } from './errors.js';
import type { MoveEntry } from './journal.js';
import { unpauseSource } from './pause.js';
import { MOVED_BY_LABEL, type MoveStep } from './types.js';

const ROLLBACK_FROM: readonly MoveStep[] = ['pausing', 'creating', 'verifying', 'rolling-back'];

/** Why a move in `step` cannot be rolled back, or undefined when it can. */
export function rollbackRefusal(name: string, step: MoveStep): string | undefined {
  if (ROLLBACK_FROM.includes(step)) return undefined;
  if (step === 'rolled-back') return `move ${name} was already rolled back`;
  if (step === 'done') return `move ${name} completed; there is nothing to roll back`;
  return `move ${name} has started deleting objects from the source (step ${step}); rolling back would lose them: run driftline move --resume to finish the move`;
}

/**
 * Deletes from the target every object this move created there (found by the journal and by the
 * move label; identical objects that already existed are left), then unpauses the source Clusters
 * this move paused. Namespaces the move created stay (empty). Re-running finishes an interrupted rollback.
 */
export async function rollbackMove(ctx: RunContext): Promise<void> {
  const refusal = rollbackRefusal(ctx.name, ctx.journal.state.step);
  if (refusal) throw new MoveError('move.rollback-refused', refusal);
  await saveState(ctx, { step: 'rolling-back', error: undefined }, 'InProgress');
  const { resources } = await ctx.target.discover();
  const label = labelValue(ctx.name);
  const entries = ctx.journal.entries().reverse();
  let done = 0;
  await mapLimit(entries, ctx.concurrency, async (e) => {
    if (e.result.target !== 'existing') await deleteCopy(ctx, resources, e, label);
    ctx.onProgress?.({ step: 'rolling-back', done: ++done, total: entries.length });
  });
  await ctx.journal.flush().catch((err: unknown) => {
    throw journalError(ctx, err);
  });
  await saveState(ctx, { pausedInTarget: [] });
  await unpauseSource(ctx);
  await saveState(ctx, { step: 'rolled-back' }, 'RolledBack');
}

// Only this move's own copies (its label), finalizers first: they are copies of the source's, and
// no controller in the target acts for them. Background: they were created moments ago.
async function deleteCopy(
  ctx: RunContext,
  resources: readonly ApiResource[],
  e: MoveEntry,
  label: string,
): Promise<void> {
  const id = parseId(e.id);
  const api = findKind(resources, id.group, id.kind);
  const live = api ? await ctx.target.get(api, id.namespace, id.name) : undefined;
  if (api && live && readAnnotation(live.metadata.labels, MOVED_BY_LABEL) === label) {
    const key = { namespace: id.namespace, name: id.name, uid: live.metadata.uid };
    await deleteExact(ctx.target, api, key, { propagationPolicy: 'Background', keepFinalizers: [] });
    ctx.log(`deleted ${describeKey(id)} from the target`);
  }
  if (e.result.target === 'planned') return;
  try {
    const { newUid: _uid, ...rest } = e;
    await ctx.journal.record({ ...rest, result: { target: 'planned', source: 'present' } });
  } catch (err) {
    throw journalError(ctx, err);
  }
}
