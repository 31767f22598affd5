import { groupResource } from '../model/resource-key.js';
import { orderSteps } from '../restore/order.js';
import { linkOwners } from '../restore/owner-links.js';
import { prepareObject } from './prepare.js';
import type { MoveGraph, MovePlan, MovePlanned, MoveProblem, MoveStepPlan } from './types.js';
import type { TypeChoice } from './versions.js';

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
  const warnings: string[] = identitySecretWarnings(graph);
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

/**
 * A cluster-scoped identity names a Secret in the provider controller's namespace (CAPV's
 * `VSphereClusterIdentity.spec.secretName`), which a move reaches only when that namespace is
 * selected. Without it the target's controller cannot log in to vCenter.
 */
function identitySecretWarnings(graph: MoveGraph): string[] {
  return graph.objects.flatMap((o) => {
    const secretName = (o.object.spec as { secretName?: unknown } | undefined)?.secretName;
    if (o.resource.namespaced || typeof secretName !== 'string') return [];
    // The provider's controller makes the identity the Secret's owner; that is how the move reached it.
    const moved = graph.objects.some(
      (s) =>
        s.object.kind === 'Secret' &&
        s.object.metadata.name === secretName &&
        s.object.metadata.ownerReferences?.some((ref) => ref.uid === o.object.metadata.uid),
    );
    if (moved) return [];
    return [
      `${o.object.kind} ${o.object.metadata.name} names Secret ${secretName} in its provider's namespace, which is not moved: create it in the target (or add that namespace with -n)`,
    ];
  });
}

/** Every planned object in creation order. */
export function planObjects(plan: Pick<MovePlan, 'steps'>): MovePlanned[] {
  return plan.steps.flatMap((s) => s.objects);
}
