/** Restores one planned object through the apply engine: owners rewritten, written by the restore's policy, journaled. */

import type { Journal } from '../apply/index.js';
import { type WriteOutcome, type WriteRules, writeItem } from '../apply/index.js';
import { describeError, hasCode } from '../common/errors.js';
import { isPaused } from '../model/capi-pause.js';
import { readAnnotation, withLegacy } from '../model/vocabulary.js';
import { RestoreError } from './errors.js';
import { pausedInJournal, type RestoreEntryResult, type RestoreJournalState } from './journal-kind.js';
import type { OwnerLookup } from './owner-lookup.js';
import { rewriteOwnerReferences, type UidMap } from './owners.js';
import { type RestoreTarget, refOf } from './target.js';
import { BACKUP_NAME_LABEL, RESTORE_NAME_LABEL } from './transforms/index.js';
import type { ExistingResourcePolicy, ItemAction, ItemOutcome, PlannedObject } from './types.js';

/** Everything restoring one object needs. */
export interface ItemContext {
  target: RestoreTarget;
  /** The value of the restore-name label this restore puts on objects. */
  restoreLabel: string;
  policy: ExistingResourcePolicy;
  uids: UidMap;
  owners: OwnerLookup;
  journal: Pick<Journal<RestoreJournalState, RestoreEntryResult>, 'get' | 'record' | 'location'>;
  /** Called after every write of an object; throws to simulate a crash at that point. */
  afterWrite(): void;
  /** Pause before retrying a failed create (tests shorten it). */
  retryDelayMs?: number;
}

/** Restores `planned`; per-object failures become `failed` outcomes, journal and injected failures are thrown. */
export async function restoreItem(planned: PlannedObject, ctx: ItemContext): Promise<ItemOutcome> {
  const done = ctx.journal.get(planned.id);
  if (done?.newUid) {
    ctx.uids.set(planned.id, done.newUid);
    const resumed = outcome(
      planned,
      done.result.action,
      'restored by an earlier run of this restore',
      done.newUid,
      true,
    );
    return pausedInJournal(planned, done) ? { ...resumed, paused: true } : resumed;
  }
  let result: ItemOutcome;
  try {
    result = await restoreOne(planned, ctx);
  } catch (err) {
    if (hasCode(err, 'apply.injected-failure', 'restore.journal')) throw err;
    result = outcome(planned, 'failed', describeError(err));
  }
  if (result.newUid) ctx.uids.set(planned.id, result.newUid);
  else ctx.uids.fail(planned.id, result.detail);
  if (result.action !== 'failed') await journalRecord(ctx, planned, result);
  return result;
}

async function restoreOne(planned: PlannedObject, ctx: ItemContext): Promise<ItemOutcome> {
  const rewritten = rewriteOwnerReferences(planned, await ctx.owners.resolveAll(planned));
  if ('blocked' in rewritten) return outcome(planned, 'failed', rewritten.blocked);
  const item = {
    id: planned.id,
    ref: refOf(planned.resource),
    namespace: planned.target.namespace,
    name: planned.target.name,
    object: rewritten.object,
    status: planned.status,
  };
  const written = await writeItem(ctx.target, item, rules(ctx));
  const warnings = [...rewritten.dropped.map((d) => `owner reference dropped: ${d}`), ...written.warnings];
  const result = toOutcome(planned, written);
  return warnings.length > 0 ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] } : result;
}

/** A restore's rules for objects already there: its label marks its own; the policy decides the rest. */
export function restoreRules(
  restoreLabel: string,
  policy: ExistingResourcePolicy,
): Pick<WriteRules, 'ours' | 'existing' | 'markerLabels'> {
  return {
    // Objects labelled by a run of an earlier version (driftline.io) are this restore's too.
    ours: (live) => readAnnotation(live.metadata.labels, RESTORE_NAME_LABEL) === restoreLabel,
    existing: policy === 'update' ? 'update' : 'skip',
    markerLabels: withLegacy(RESTORE_NAME_LABEL, BACKUP_NAME_LABEL),
  };
}

function rules(ctx: ItemContext): WriteRules {
  return {
    ...restoreRules(ctx.restoreLabel, ctx.policy),
    afterWrite: ctx.afterWrite,
    retryDelayMs: ctx.retryDelayMs,
  };
}

// A Cluster already paused before an update (an operator's hold) stays theirs to unpause.
function toOutcome(planned: PlannedObject, w: WriteOutcome): ItemOutcome {
  const uid = w.object.metadata.uid;
  const pausedIf = (o: ItemOutcome): ItemOutcome => (planned.pausedByRestore ? { ...o, paused: true } : o);
  switch (w.action) {
    case 'created':
      return pausedIf(outcome(planned, 'created', 'created', uid));
    case 'adopted':
      return pausedIf(
        outcome(planned, 'created', 'adopted: created by an interrupted run of this restore', uid, true),
      );
    case 'identical':
      return outcome(planned, 'skipped', 'already exists and is identical', uid);
    case 'skipped':
      return { ...outcome(planned, 'skipped', 'already exists and differs', uid), changes: w.changes };
    case 'updated': {
      const updated = {
        ...outcome(planned, 'updated', 'updated by server-side apply', uid),
        changes: w.changes,
      };
      return w.before && isPaused(w.before) ? updated : pausedIf(updated);
    }
  }
}

// `updated,paused` marks a Cluster this restore paused, so a resumed run still knows it.
async function journalRecord(ctx: ItemContext, planned: PlannedObject, result: ItemOutcome): Promise<void> {
  try {
    await ctx.journal.record({
      id: planned.id,
      oldUid: planned.oldUid,
      newUid: result.newUid,
      result: { action: result.action as RestoreEntryResult['action'], paused: Boolean(result.paused) },
    });
  } catch (err) {
    throw new RestoreError(
      'restore.journal',
      `cannot write the journal ${ctx.journal.location}: ${describeError(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** Builds an outcome for a planned object. */
export function outcome(
  planned: PlannedObject,
  action: ItemAction,
  detail: string,
  newUid?: string,
  resumed?: boolean,
): ItemOutcome {
  return {
    id: planned.id,
    key: planned.target,
    action,
    detail,
    ...(planned.oldUid && { oldUid: planned.oldUid }),
    ...(newUid && { newUid }),
    ...(resumed && { resumed }),
  };
}
