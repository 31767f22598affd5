/** Orders planned objects into steps: priority tiers, then owners strictly before their dependents (pure). */
import { basePosition, phaseTitle } from './priorities.js';
import type { PlannedObject, RestoreStep } from './types.js';

/** Where an object lands: compared as (phase, depth, rank). */
interface Position {
  phase: number;
  depth: number;
  rank: number;
}

function compare(a: Position, b: Position): number {
  return a.phase - b.phase || a.depth - b.depth || a.rank - b.rank;
}

/**
 * Groups objects into steps. An object starts in its tier (Velero's priorities, templates, the
 * owner graph, the low priorities) and moves after every owner the plan also restores, so an
 * owner is always in an earlier step than its dependents. Ownership cycles are broken at the
 * edge that closes them, with a warning.
 */
export function orderSteps(objects: readonly PlannedObject[], warnings: string[]): RestoreStep[] {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const positions = new Map<string, Position>();
  const visiting = new Set<string>();

  const positionOf = (o: PlannedObject): Position => {
    const known = positions.get(o.id);
    if (known) return known;
    visiting.add(o.id);
    const base = basePosition(o.resource.resource, o.resource.group, o.object.kind);
    let position: Position = { phase: base.phase, depth: 0, rank: base.rank };
    for (const link of o.owners) {
      if (link.kind !== 'planned') continue;
      const owner = byId.get(link.ownerId);
      if (!owner || owner.id === o.id) continue;
      if (visiting.has(owner.id)) {
        warnings.push(
          `ownership cycle: ${o.id} and ${owner.id} own each other; ${o.id} may be created first`,
        );
        continue;
      }
      const after = positionOf(owner);
      const candidate = { phase: after.phase, depth: after.depth + 1, rank: base.rank };
      if (compare(candidate, position) > 0) position = candidate;
    }
    visiting.delete(o.id);
    positions.set(o.id, position);
    return position;
  };

  const groups = new Map<string, { position: Position; objects: PlannedObject[] }>();
  for (const o of objects) {
    const p = positionOf(o);
    const key = `${p.phase}/${p.depth}/${p.rank}`;
    const group = groups.get(key) ?? { position: p, objects: [] };
    group.objects.push(o);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => compare(a.position, b.position))
    .map((g, index) => ({
      index,
      title: stepTitle(g.position, g.objects),
      objects: g.objects.sort((a, b) => a.id.localeCompare(b.id)),
    }));
}

function stepTitle(p: Position, objects: readonly PlannedObject[]): string {
  const kinds = [...new Set(objects.map((o) => o.object.kind))].sort();
  const shown = kinds.length > 4 ? [...kinds.slice(0, 4), '…'] : kinds;
  return `${phaseTitle(p.phase, p.depth)}: ${shown.join(', ')}`;
}
