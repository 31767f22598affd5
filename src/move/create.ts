/** The creating phase: namespaces, then every object owners first, Clusters paused, owner references rebuilt, status restored. */
import { ensureNamespace } from '../adapters/kube/namespaces.js';
import {
  type ApplyItem,
  crashAfter,
  statusMatches,
  type WriteRules,
  writeItem,
  writeStatus,
} from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { describeKey, type KubeObject, type OwnerReference } from '../model/resource-key.js';
import { readAnnotation, withLegacy } from '../model/vocabulary.js';
import { OwnerLookup } from '../restore/owner-lookup.js';
import { rewriteOwnerReferences, UidMap } from '../restore/owners.js';
import { refOf } from '../restore/target.js';
import { labelValue } from '../restore/transforms/index.js';
import { journalError, type RunContext, saveState } from './context.js';
import { MoveError } from './errors.js';
import { MOVED_BY_LABEL, type MovePlanned } from './types.js';

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
    afterCreate: crashAfter(ctx.journal, ctx.failAfter, 'created'),
    done: 0,
    total: plan.total,
  };
  for (const step of plan.steps) {
    ctx.log(
      `create step ${step.index + 1}/${plan.steps.length}: ${step.title} (${step.objects.length} objects)`,
    );
    await mapLimit(step.objects, ctx.concurrency, async (p) => {
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
  const recorded = ctx.journal.get(p.id);
  if (recorded && recorded.result.target !== 'planned' && recorded.newUid) {
    cs.uids.set(p.id, recorded.newUid);
    if (recorded.result.target === 'existing') await adoptOwners(ctx, cs, p);
    return;
  }
  const found = ctx.found.get(p.id);
  if (found && !found.ours) {
    cs.uids.set(p.id, found.uid);
    await adoptOwners(ctx, cs, p);
    return record(ctx, p, found.uid, 'existing');
  }
  const item = itemOf(p, await withOwners(ctx, cs, p));
  const live = found?.ours ? await ctx.target.get(item.ref, item.namespace, item.name) : undefined;
  if (live) {
    // Created by an interrupted run and seen by the preflight: only its status may be missing.
    if (p.status !== undefined && !statusMatches(p.status, live))
      warn(ctx, p, await writeStatus(ctx.target, item, live));
    cs.uids.set(p.id, live.metadata.uid!);
    return record(ctx, p, live.metadata.uid!, 'created');
  }
  const written = await writeItem(ctx.target, item, moveRules(ctx, cs));
  warn(ctx, p, written.warnings);
  cs.uids.set(p.id, written.object.metadata.uid!);
  await record(ctx, p, written.object.metadata.uid!, written.action === 'identical' ? 'existing' : 'created');
}

// A move never overwrites: an object that appeared in the target is taken only when identical.
function moveRules(ctx: RunContext, cs: CreateState): WriteRules {
  const label = labelValue(ctx.name);
  return {
    ours: (live) => readAnnotation(live.metadata.labels, MOVED_BY_LABEL) === label,
    existing: 'require-identical',
    markerLabels: withLegacy(MOVED_BY_LABEL),
    afterWrite: cs.afterCreate,
  };
}

function itemOf(p: MovePlanned, object: KubeObject): ApplyItem {
  return {
    id: p.id,
    ref: refOf(p.resource),
    namespace: p.target.namespace,
    name: p.target.name,
    object,
    status: p.status,
  };
}

function warn(ctx: RunContext, p: MovePlanned, warnings: readonly string[]): void {
  for (const w of warnings) ctx.warnings.push(`${describeKey(p.target)}: ${w}`);
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
      result: { target, source: 'present' },
    });
  } catch (err) {
    throw journalError(ctx, err);
  }
}
