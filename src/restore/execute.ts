/** Runs a plan step by step: bounded concurrency inside a step, CRDs established before their objects, journal flushed per step. */

import { crashAfter } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { groupResource } from '../model/resource-key.js';
import { type PreviewContext, previewItem } from './item-preview.js';
import { type ItemContext, restoreItem } from './item-restore.js';
import type { RestoreJournal } from './journal-kind.js';
import type { RestoreTarget } from './target.js';
import type { ItemOutcome, PlannedObject, RestorePlan } from './types.js';
import { crdGroupResource, pendingCrdOf } from './versions.js';

/** Progress after each object. */
export interface RestoreProgress {
  done: number;
  total: number;
  step: number;
  steps: number;
}

/** How to run a plan. */
export interface ExecuteOptions {
  /** Objects written at once within a step (default 16). */
  concurrency?: number;
  /** Stop as if killed right after this many objects were written, before journaling them (tests). */
  failAfter?: number;
  /** How long to wait for restored CRDs to be served (default 60 s). */
  crdTimeoutMs?: number;
  onProgress?: (p: RestoreProgress) => void;
  log?: (line: string) => void;
}

/** Restores every step in order; resolves with one outcome per planned object. */
export async function executePlan(
  plan: RestorePlan,
  ctx: Omit<ItemContext, 'afterWrite' | 'journal'> & { journal: RestoreJournal },
  options: ExecuteOptions = {},
): Promise<ItemOutcome[]> {
  const afterWrite = crashAfter(ctx.journal, options.failAfter, 'written');
  const itemCtx: ItemContext = { ...ctx, afterWrite };
  const outcomes: ItemOutcome[] = [];
  for (const step of plan.steps) {
    options.log?.(
      `step ${step.index + 1}/${plan.steps.length}: ${step.title} (${step.objects.length} objects)`,
    );
    const results = await mapLimit(step.objects, options.concurrency ?? 16, async (o) => {
      const result = await restoreItem(o, itemCtx);
      outcomes.push(result);
      options.onProgress?.({
        done: outcomes.length,
        total: plan.total,
        step: step.index,
        steps: plan.steps.length,
      });
      return result;
    });
    await ctx.journal.flush();
    await waitForCrds(ctx.target, step.objects, results, options);
  }
  return outcomes;
}

/** Previews every step in order (reads only). */
export async function previewPlan(
  plan: RestorePlan,
  ctx: PreviewContext,
  options: Pick<ExecuteOptions, 'concurrency'> = {},
): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const step of plan.steps) {
    outcomes.push(...(await mapLimit(step.objects, options.concurrency ?? 16, (o) => previewItem(o, ctx))));
  }
  return outcomes;
}

// After a step that wrote CRDs, wait until the target serves every version they declare.
async function waitForCrds(
  target: RestoreTarget,
  objects: readonly PlannedObject[],
  results: readonly ItemOutcome[],
  options: ExecuteOptions,
): Promise<void> {
  const wanted: string[] = [];
  objects.forEach((o, i) => {
    if (o.resource.resource !== 'customresourcedefinitions' || results[i]?.action === 'failed') return;
    const gr = crdGroupResource(o.object);
    const crd = pendingCrdOf(o.object);
    if (gr && crd) for (const v of crd.versions) wanted.push(`${gr}/${v}`);
  });
  if (wanted.length === 0) return;
  const deadline = Date.now() + (options.crdTimeoutMs ?? 60_000);
  for (;;) {
    const { resources } = await target.discover(true);
    const served = new Set(resources.map((r) => `${groupResource(r)}/${r.version}`));
    const missing = wanted.filter((w) => !served.has(w));
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      options.log?.(`CRDs not served after waiting: ${missing.join(', ')}; their objects will fail`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
