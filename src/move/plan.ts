import { orderSteps } from '../restore/order.js';
import { linkOwners } from '../restore/owner-links.js';
import { prepareObject } from './prepare.js';
import type { MoveGraph, MovePlan, MovePlanned, MoveProblem, MoveStepPlan } from './types.js';
import { groupResource, type TypeChoice } from './versions.js';

/**
 * Orders the graph's objects into steps (Velero's priority tiers, then owners strictly before
 * their dependents, Clusters first inside an owner depth). Objects whose type the target cannot
 * serve become problems, one per type.
 */
export function buildMovePlan(graph: MoveGraph, choices: readonly TypeChoice[], moveName: string): MovePlan {
  const byType = new Map(choices.map((c) => [c.key, c]));
  const unserved = new Map<string, { message: string; count: number }>();
  const planned: MovePlanned[] = [];
  for (const o of graph.objects) {
    const choice = byType.get(groupResource(o.resource));
    if (!choice || 'problem' in choice) {
      const key = groupResource(o.resource);
      const entry = unserved.get(key) ?? { message: choice?.problem ?? `${key} is not movable`, count: 0 };
      entry.count++;
      unserved.set(key, entry);
      continue;
    }
    planned.push(prepareObject(o, choice.target, moveName));
  }
  linkOwners(planned);
  const warnings: string[] = [];
  const byId = new Map(planned.map((p) => [p.id, p]));
  const steps: MoveStepPlan[] = orderSteps(planned, warnings).map((s) => ({
    index: s.index,
    title: s.title,
    objects: s.objects.map((o) => byId.get(o.id)!),
  }));
  const problems: MoveProblem[] = [...unserved]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, u]) => ({
      kind: 'unserved',
      message: `${key} (${u.count} object${u.count === 1 ? '' : 's'}): ${u.message}`,
    }));
  const namespaces = [...new Set(planned.map((p) => p.target.namespace).filter(Boolean))].sort();
  return { steps, total: planned.length, clusters: graph.clusters, namespaces, problems, warnings };
}

/** Every planned object in creation order. */
export function planObjects(plan: Pick<MovePlan, 'steps'>): MovePlanned[] {
  return plan.steps.flatMap((s) => s.objects);
}
