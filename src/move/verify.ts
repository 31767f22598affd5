/** The verifying phase: every object exists in the target, as journaled, with owner references at the new uids. */
import { mapLimit } from '../common/concurrency.js';
import { describeKey } from '../model/resource-key.js';
import { refOf } from '../restore/target.js';
import { type RunContext, saveState } from './context.js';
import { MoveError } from './errors.js';
import { planObjects } from './plan.js';
import type { MovePlanned } from './types.js';

/**
 * Reads every planned object back from the target. Refuses to go on to deleting anything in the
 * source unless each one exists with the uid the journal holds and each reference to a moved
 * owner carries that owner's uid in the target.
 */
export async function verifyTarget(ctx: RunContext): Promise<void> {
  const objects = planObjects(ctx.plan!);
  const newUid = (id: string): string | undefined => ctx.journal.get(id)?.newUid;
  const problems = (await mapLimit(objects, ctx.concurrency, (p) => verifyOne(ctx, p, newUid))).flat();
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  - … ${problems.length - 20} more`);
    const message = `the target does not hold the moved objects as expected; nothing was deleted from the source:\n${shown.join('\n')}`;
    await saveState(ctx, { error: message }, 'Failed');
    throw new MoveError('move.verify', message);
  }
  ctx.log(`verified ${objects.length} objects in the target`);
  await saveState(ctx, { step: 'deleting' });
}

async function verifyOne(
  ctx: RunContext,
  p: MovePlanned,
  newUid: (id: string) => string | undefined,
): Promise<string[]> {
  const what = describeKey(p.target);
  const expected = newUid(p.id);
  if (!expected) return [`${what} is not journaled as created`];
  const live = await ctx.target.get(refOf(p.resource), p.target.namespace, p.target.name);
  if (!live) return [`${what} is missing`];
  if (live.metadata.uid !== expected)
    return [`${what} has uid ${live.metadata.uid}, the journal ${expected}`];
  const refs = live.metadata.ownerReferences ?? [];
  const problems: string[] = [];
  for (const link of p.owners) {
    if (link.kind !== 'planned') continue;
    const source = p.object.metadata.ownerReferences?.[link.index];
    const ref = refs.find((r) => r.kind === source?.kind && r.name === source?.name);
    const owner = newUid(link.ownerId);
    if (!ref) problems.push(`${what} lost its owner reference to ${source?.kind} ${source?.name}`);
    else if (ref.uid !== owner)
      problems.push(`${what}: owner reference to ${ref.kind} ${ref.name} has uid ${ref.uid}, not ${owner}`);
  }
  return problems;
}
