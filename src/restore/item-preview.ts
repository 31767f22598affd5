/** What restoring one object would do, read-only: create, adopt, skip (identical or differs) or update, with the diff. */
import { decideExisting } from '../apply/index.js';
import { describeError } from '../common/errors.js';
import { outcome, restoreRules } from './item-restore.js';
import type { OwnerLookup } from './owner-lookup.js';
import { rewriteOwnerReferences, type UidMap } from './owners.js';
import { type RestoreTarget, refOf } from './target.js';
import type { ExistingResourcePolicy, ItemOutcome, PlannedObject } from './types.js';

/** What previewing one object needs. */
export interface PreviewContext {
  target: RestoreTarget;
  restoreLabel: string;
  policy: ExistingResourcePolicy;
  uids: UidMap;
  /** Built with a placeholder, so owners the dry run would create resolve. */
  owners: OwnerLookup;
}

/** The uid shown for an object a dry run would create. */
export function placeholderUid(id: string): string {
  return `<new uid of ${id}>`;
}

/** Previews `planned` against the target; nothing is written. */
export async function previewItem(planned: PlannedObject, ctx: PreviewContext): Promise<ItemOutcome> {
  let result: ItemOutcome;
  try {
    result = await preview(planned, ctx);
  } catch (err) {
    result = outcome(planned, 'failed', `would fail: ${describeError(err)}`);
  }
  if (result.newUid) ctx.uids.set(planned.id, result.newUid);
  else ctx.uids.fail(planned.id, result.detail);
  return result;
}

async function preview(planned: PlannedObject, ctx: PreviewContext): Promise<ItemOutcome> {
  const rewritten = rewriteOwnerReferences(planned, await ctx.owners.resolveAll(planned));
  if ('blocked' in rewritten) return outcome(planned, 'failed', `would fail: ${rewritten.blocked}`);
  const warnings = rewritten.dropped.map((d) => `owner reference would be dropped: ${d}`);
  const live = await ctx.target.get(refOf(planned.resource), planned.target.namespace, planned.target.name);
  const result = decide(planned, ctx, rewritten.object, live);
  return warnings.length > 0 ? { ...result, warnings } : result;
}

function decide(
  planned: PlannedObject,
  ctx: PreviewContext,
  desired: PlannedObject['object'],
  live: PlannedObject['object'] | undefined,
): ItemOutcome {
  if (!live) return outcome(planned, 'created', 'would create', placeholderUid(planned.id));
  const uid = live.metadata.uid;
  const decision = decideExisting(desired, live, restoreRules(ctx.restoreLabel, ctx.policy));
  switch (decision.action) {
    case 'adopted':
      return outcome(planned, 'created', 'would adopt: created by an interrupted run of this restore', uid);
    case 'identical':
      return outcome(planned, 'skipped', 'would skip: already exists and is identical', uid);
    case 'updated':
      return {
        ...outcome(planned, 'updated', 'would update by server-side apply', uid),
        changes: decision.changes,
      };
    default:
      return {
        ...outcome(planned, 'skipped', 'would skip: already exists and differs', uid),
        changes: decision.changes,
      };
  }
}
