/** The creating phase: namespaces, then every object owners first, Clusters paused, owner references rebuilt, status restored. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { ensureNamespace } from '../adapters/kube/namespaces.js';
import { describeError } from '../common/errors.js';
import { describeKey, type KubeObject, type OwnerReference } from '../model/resource-key.js';
import { runBounded } from '../restore/bounded.js';
import { restoreDifferences, statusMatches } from '../restore/compare.js';
import { hasCode } from '../restore/errors.js';
import { OwnerLookup } from '../restore/owner-lookup.js';
import { rewriteOwnerReferences, UidMap } from '../restore/owners.js';
import { refOf } from '../restore/target.js';
import { labelValue } from '../restore/transforms/index.js';
import { crashAfter, journalError, type RunContext, saveState } from './context.js';
import { MoveError } from './errors.js';
import { entryResult, entryState } from './journal.js';
import { withoutMoveLabel } from './prepare.js';
import { MOVED_BY_LABEL, type MovePlanned } from './types.js';

interface Written {
  object: KubeObject;
  created?: boolean;
  existing?: boolean;
}

interface CreateState {
  uids: UidMap;
  owners: OwnerLookup;
  afterCreate: () => void;
  done: number;
  total: number;
}

/**
 * Creates every planned object in the target, step by step. The journal first says which
 * Clusters will be paused there and which namespaces get created; each object's new uid is
 * journaled, and a re-run adopts what an interrupted one created (the move label).
 */
export async function createInTarget(ctx: RunContext): Promise<void> {
  const plan = ctx.plan!;
  const state = ctx.journal.state;
  await saveState(ctx, {
    pausedInTarget: plan.clusters,
    createdNamespaces: [...new Set([...state.createdNamespaces, ...ctx.missingNamespaces])].sort(),
  });
  await createNamespaces(ctx);
  const uids = new UidMap();
  for (const e of ctx.journal.entries()) if (e.newUid) uids.set(e.id, e.newUid);
  const cs: CreateState = {
    uids,
    owners: new OwnerLookup(ctx.target, uids),
    afterCreate: crashAfter(ctx, ctx.failAfter, 'created'),
    done: 0,
    total: plan.total,
  };
  for (const step of plan.steps) {
    ctx.log(
      `create step ${step.index + 1}/${plan.steps.length}: ${step.title} (${step.objects.length} objects)`,
    );
    await runBounded(step.objects, ctx.concurrency, async (p) => {
      await createOne(ctx, cs, p);
      cs.done++;
      ctx.onProgress?.({ step: 'creating', done: cs.done, total: cs.total });
    });
    await ctx.journal.flush().catch((err: unknown) => {
      throw journalError(ctx, err);
    });
  }
  await saveState(ctx, { step: 'verifying' });
}

async function createNamespaces(ctx: RunContext): Promise<void> {
  for (const name of ctx.missingNamespaces) {
    if (await ensureNamespace(ctx.target, name, { [MOVED_BY_LABEL]: labelValue(ctx.name) })) {
      ctx.log(`created namespace ${name} in the target`);
    }
  }
}

async function createOne(ctx: RunContext, cs: CreateState, p: MovePlanned): Promise<void> {
  const entry = ctx.journal.get(p.id);
  const recorded = entry ? entryState(entry) : undefined;
  if (recorded && recorded.target !== 'planned' && entry?.newUid) {
    cs.uids.set(p.id, entry.newUid);
    if (recorded.target === 'existing') await adoptOwners(ctx, cs, p);
    return;
  }
  const found = ctx.found.get(p.id);
  if (found && !found.ours) {
    cs.uids.set(p.id, found.uid);
    await adoptOwners(ctx, cs, p);
    return record(ctx, p, found.uid, 'existing');
  }
  const desired = await withOwners(ctx, cs, p);
  const ref = refOf(p.resource);
  const live = found?.ours ? await ctx.target.get(ref, p.target.namespace, p.target.name) : undefined;
  const written: Written = live ? { object: live } : await createOrAdopt(ctx, ref, p, desired);
  if (!live && written.created) cs.afterCreate();
  const uid = written.object.metadata.uid!;
  cs.uids.set(p.id, uid);
  const statusMissing = p.status !== undefined && !statusMatches(p.status, written.object);
  if (!written.existing && (written.created || statusMissing)) await writeStatus(ctx, ref, p, written.object);
  await record(ctx, p, uid, written.existing ? 'existing' : 'created');
}

// The object with every ownerReference pointing at the owner's uid in the target.
async function withOwners(ctx: RunContext, cs: CreateState, p: MovePlanned): Promise<KubeObject> {
  const rewritten = rewriteOwnerReferences(p, await cs.owners.resolveAll(p));
  if ('blocked' in rewritten)
    throw new MoveError('move.failed', `cannot create ${describeKey(p.target)}: ${rewritten.blocked}`);
  for (const d of rewritten.dropped)
    ctx.warnings.push(`${describeKey(p.target)}: owner reference dropped: ${d}`);
  return rewritten.object;
}

async function createOrAdopt(
  ctx: RunContext,
  ref: ResourceRef,
  p: MovePlanned,
  desired: KubeObject,
): Promise<Written> {
  try {
    return { object: await ctx.target.create(ref, desired), created: true };
  } catch (err) {
    if (!hasCode(err, 'kube.conflict')) throw err;
  }
  const live = await ctx.target.get(ref, p.target.namespace, p.target.name);
  if (!live)
    throw new MoveError('move.failed', `${describeKey(p.target)} exists in the target but cannot be read`);
  if (live.metadata.labels?.[MOVED_BY_LABEL] === labelValue(ctx.name)) return { object: live };
  if (restoreDifferences(withoutMoveLabel(desired), live).length === 0)
    return { object: live, existing: true };
  throw new MoveError(
    'move.failed',
    `${describeKey(p.target)} appeared in the target and differs from the source`,
  );
}

// An adopted object's ownerReferences are pointed at the owners' uids in the target.
async function adoptOwners(ctx: RunContext, cs: CreateState, p: MovePlanned): Promise<void> {
  if (p.owners.length === 0) return;
  const wanted = (await withOwners(ctx, cs, p)).metadata.ownerReferences ?? [];
  const ref = refOf(p.resource);
  const live = await ctx.target.get(ref, p.target.namespace, p.target.name);
  if (!live || sameOwners(live.metadata.ownerReferences ?? [], wanted)) return;
  await ctx.target.patch(
    ref,
    p.target.namespace,
    p.target.name,
    { metadata: { ownerReferences: wanted } },
    'merge',
  );
}

function sameOwners(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return a.length === b.length && a.every((r, i) => r.uid === b[i]?.uid && r.name === b[i]?.name);
}

// Status through the status subresource (kinds without one take it in the main resource), like clusterctl.
async function writeStatus(
  ctx: RunContext,
  ref: ResourceRef,
  p: MovePlanned,
  live: KubeObject,
): Promise<void> {
  if (!p.status) return;
  try {
    try {
      await ctx.target.replaceStatus(ref, { ...live, status: p.status });
    } catch (err) {
      if (!hasCode(err, 'kube.not-found')) throw err;
      await ctx.target.patch(ref, p.target.namespace, p.target.name, { status: p.status }, 'merge');
    }
  } catch (err) {
    ctx.warnings.push(`${describeKey(p.target)}: status not restored: ${describeError(err)}`);
  }
}

async function record(
  ctx: RunContext,
  p: MovePlanned,
  uid: string,
  target: 'created' | 'existing',
): Promise<void> {
  try {
    await ctx.journal.record({
      id: p.id,
      ...(p.oldUid && { oldUid: p.oldUid }),
      newUid: uid,
      result: entryResult({ target, source: 'present' }),
    });
  } catch (err) {
    throw journalError(ctx, err);
  }
}
