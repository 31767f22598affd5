/** Restores one planned object: owners rewritten, create, or adopt / skip / update when it exists; status; journal. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { describeError } from '../common/errors.js';
import type { KubeObject } from '../model/resource-key.js';
import { restoreDifferences, statusMatches } from './compare.js';
import { hasCode, RestoreError } from './errors.js';
import type { Journal, JournalEntry } from './journal/index.js';
import type { OwnerLookup } from './owner-lookup.js';
import { rewriteOwnerReferences, type UidMap } from './owners.js';
import { type RestoreTarget, refOf } from './target.js';
import { RESTORE_NAME_LABEL } from './transforms/index.js';
import type { ExistingResourcePolicy, ItemAction, ItemOutcome, PlannedObject } from './types.js';
import { isClusterPaused } from './unpause.js';

/** Field manager of every server-side apply a restore makes. */
export const FIELD_MANAGER = 'driftline';

/** Everything restoring one object needs. */
export interface ItemContext {
  target: RestoreTarget;
  /** The value of the restore-name label this restore puts on objects. */
  restoreLabel: string;
  policy: ExistingResourcePolicy;
  uids: UidMap;
  owners: OwnerLookup;
  journal: Journal<unknown>;
  /** Called after every write of an object; throws to simulate a crash at that point. */
  afterWrite(): void;
  /** Pause before retrying a failed create (tests shorten it). */
  retryDelayMs?: number;
}

const RETRYABLE = ['kube.unreachable', 'kube.timeout', 'kube.too-many-requests', 'kube.server'];

/** Restores `planned`; per-object failures become `failed` outcomes, journal and injected failures are thrown. */
export async function restoreItem(planned: PlannedObject, ctx: ItemContext): Promise<ItemOutcome> {
  const done = ctx.journal.get(planned.id);
  if (done?.newUid) {
    ctx.uids.set(planned.id, done.newUid);
    const [action] = done.result.split(',') as [ItemAction];
    const resumed = outcome(planned, action, 'restored by an earlier run of this restore', done.newUid, true);
    return pausedInJournal(planned, done) ? { ...resumed, paused: true } : resumed;
  }
  let result: ItemOutcome;
  try {
    result = await writeItem(planned, ctx);
  } catch (err) {
    if (hasCode(err, 'restore.injected-failure', 'restore.journal')) throw err;
    result = outcome(planned, 'failed', describeError(err));
  }
  if (result.newUid) ctx.uids.set(planned.id, result.newUid);
  else ctx.uids.fail(planned.id, result.detail);
  if (result.action !== 'failed') await journalRecord(ctx, planned, result);
  return result;
}

async function writeItem(planned: PlannedObject, ctx: ItemContext): Promise<ItemOutcome> {
  const rewritten = rewriteOwnerReferences(planned, await ctx.owners.resolveAll(planned));
  if ('blocked' in rewritten) return outcome(planned, 'failed', rewritten.blocked);
  const warnings = rewritten.dropped.map((d) => `owner reference dropped: ${d}`);
  const ref = refOf(planned.resource);
  let created: KubeObject;
  try {
    created = await createWithRetry(ctx, ref, rewritten.object);
  } catch (err) {
    if (!hasCode(err, 'kube.conflict')) throw err;
    return withWarnings(await existing(planned, rewritten.object, ref, ctx), warnings);
  }
  ctx.afterWrite();
  warnings.push(...(await writeStatus(ctx, ref, created, planned.status)));
  return withWarnings(
    pausedIf(planned, outcome(planned, 'created', 'created', created.metadata.uid)),
    warnings,
  );
}

async function existing(
  planned: PlannedObject,
  desired: KubeObject,
  ref: ResourceRef,
  ctx: ItemContext,
): Promise<ItemOutcome> {
  const live = await ctx.target.get(ref, planned.target.namespace, planned.target.name);
  if (!live) throw new RestoreError('restore.invalid', 'the server reported it exists but it cannot be read');
  const uid = live.metadata.uid;
  if (live.metadata.labels?.[RESTORE_NAME_LABEL] === ctx.restoreLabel) {
    const missing = planned.status && !statusMatches(planned.status, live);
    const warnings = missing ? await writeStatus(ctx, ref, live, planned.status) : [];
    const adopted = outcome(
      planned,
      'created',
      'adopted: created by an interrupted run of this restore',
      uid,
      true,
    );
    return withWarnings(pausedIf(planned, adopted), warnings);
  }
  const changes = restoreDifferences(desired, live);
  if (changes.length === 0) return outcome(planned, 'skipped', 'already exists and is identical', uid);
  if (ctx.policy === 'none') {
    return { ...outcome(planned, 'skipped', 'already exists and differs', uid), changes };
  }
  const applied = await ctx.target.apply(ref, desired, { fieldManager: FIELD_MANAGER, force: true });
  ctx.afterWrite();
  // A Cluster already paused (an operator's hold) stays theirs to unpause, not this restore's.
  const updated = outcome(planned, 'updated', 'updated by server-side apply', applied.metadata.uid);
  const paused = isClusterPaused(live) ? updated : pausedIf(planned, updated);
  return withWarnings({ ...paused, changes }, await writeStatus(ctx, ref, applied, planned.status));
}

// Creates are not idempotent, so the transport does not retry them; a retried create that had
// in fact succeeded comes back as a conflict and is adopted through the restore label.
async function createWithRetry(ctx: ItemContext, ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.target.create(ref, object);
    } catch (err) {
      if (attempt >= 3 || !hasCode(err, ...RETRYABLE)) throw err;
      await new Promise((r) => setTimeout(r, (ctx.retryDelayMs ?? 250) * 4 ** (attempt - 1)));
    }
  }
}

// Writes status through the status subresource; kinds without one take it in the main resource.
async function writeStatus(
  ctx: ItemContext,
  ref: ResourceRef,
  live: KubeObject,
  status: Record<string, unknown> | undefined,
): Promise<string[]> {
  if (!status) return [];
  try {
    try {
      await ctx.target.replaceStatus(ref, { ...live, status });
    } catch (err) {
      if (!hasCode(err, 'kube.not-found')) throw err;
      await ctx.target.patch(ref, live.metadata.namespace ?? '', live.metadata.name, { status }, 'merge');
    }
    return [];
  } catch (err) {
    return [`status not restored: ${describeError(err)}`];
  }
}

// `updated,paused` marks a Cluster this restore paused, so a resumed run still knows it.
async function journalRecord(ctx: ItemContext, planned: PlannedObject, result: ItemOutcome): Promise<void> {
  try {
    await ctx.journal.record({
      id: planned.id,
      oldUid: planned.oldUid,
      newUid: result.newUid,
      result: result.paused ? `${result.action},${PAUSED_MARK}` : result.action,
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

const PAUSED_MARK = 'paused';

/** True when the journal entry says this restore paused the Cluster (a Cluster it created, it created paused). */
export function pausedInJournal(planned: PlannedObject, entry: JournalEntry): boolean {
  const [action, mark] = entry.result.split(',');
  return mark === PAUSED_MARK || (action === 'created' && Boolean(planned.pausedByRestore));
}

function pausedIf(planned: PlannedObject, result: ItemOutcome): ItemOutcome {
  return planned.pausedByRestore ? { ...result, paused: true } : result;
}

function withWarnings(result: ItemOutcome, warnings: string[]): ItemOutcome {
  return warnings.length > 0 ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] } : result;
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
