/** Target-side preflight (reads only): objects that already exist (identical ones adopted), namespaces to create. */
import { NAMESPACES } from '../adapters/kube/namespaces.js';
import { writeDifferences } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { describeKey } from '../model/resource-key.js';
import { readAnnotation, withLegacy } from '../model/vocabulary.js';
import { refOf } from '../restore/target.js';
import { labelValue } from '../restore/transforms/index.js';
import { planObjects } from './plan.js';
import { MOVED_BY_LABEL, type MovePlan, type MoveProblem, type MoveTarget } from './types.js';

/** An object found in the target: created by this move in an earlier run (`ours`), or identical and adopted. */
export interface FoundObject {
  uid: string;
  ours: boolean;
}

/** What the target already holds. */
export interface TargetInspection {
  problems: MoveProblem[];
  found: Map<string, FoundObject>;
  missingNamespaces: string[];
}

/**
 * Reads every planned object in the target. One created by this move (its label) or identical to
 * what the move would write (only the fields the move sets count; owner-reference uids do not)
 * is adopted; one that differs is a problem naming the differing fields.
 */
export async function inspectTarget(
  target: MoveTarget,
  plan: MovePlan,
  moveName: string,
  concurrency = 16,
): Promise<TargetInspection> {
  const problems: MoveProblem[] = [];
  const found = new Map<string, FoundObject>();
  const label = labelValue(moveName);
  await mapLimit(planObjects(plan), concurrency, async (p) => {
    const live = await target.get(refOf(p.resource), p.target.namespace, p.target.name);
    if (!live?.metadata.uid) return;
    if (readAnnotation(live.metadata.labels, MOVED_BY_LABEL) === label) {
      found.set(p.id, { uid: live.metadata.uid, ours: true });
      return;
    }
    const changes = writeDifferences(p.object, live, withLegacy(MOVED_BY_LABEL));
    if (changes.length === 0) {
      found.set(p.id, { uid: live.metadata.uid, ours: false });
      return;
    }
    const paths = changes.slice(0, 3).map((c) => c.path);
    const more = changes.length > 3 ? `, … ${changes.length - 3} more` : '';
    problems.push({
      kind: 'exists',
      message: `${describeKey(p.target)} already exists in the target and differs (${paths.join(', ')}${more})`,
    });
  });
  const missing = await mapLimit(plan.namespaces, concurrency, async (ns) =>
    (await target.get(NAMESPACES, '', ns)) ? undefined : ns,
  );
  problems.sort((a, b) => a.message.localeCompare(b.message));
  return { problems, found, missingNamespaces: missing.filter((ns): ns is string => ns !== undefined) };
}
