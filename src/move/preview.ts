/** `move --dry-run`: the plan and what would happen to every object, with nothing written anywhere. */
import { describeKey } from '../model/resource-key.js';
import { loadNewMove, type MoveSelection } from './load.js';
import type { MoveSource, MoveTarget } from './types.js';

/** What would happen to one object. */
export interface PreviewObject {
  /** `Kind namespace/name`. */
  object: string;
  /** `create` in the target, or `adopt` an identical object already there. */
  action: 'create' | 'adopt';
  /** Created paused (Clusters). */
  paused: boolean;
  /** Deleted from the source, or kept there (with the reason). */
  source: 'delete' | 'keep';
  /** Why it is part of the move. */
  reason: string;
  keepReason?: string;
}

/** A dry run's result. */
export interface MovePreview {
  source: string;
  target: string;
  clusters: string[];
  namespacesToCreate: string[];
  steps: { index: number; title: string; objects: PreviewObject[] }[];
  total: number;
  /** Why the move would be refused (empty when it would run). */
  problems: string[];
  warnings: string[];
}

/** Plans the move and runs every preflight check, reading both clusters and writing nothing. */
export async function previewMove(
  source: MoveSource,
  target: MoveTarget,
  selection: MoveSelection,
  name: string,
): Promise<MovePreview> {
  const { plan, inspection } = await loadNewMove(source, target, selection, name);
  const steps = plan.steps.map((s) => ({
    index: s.index,
    title: s.title,
    objects: s.objects.map(
      (p): PreviewObject => ({
        object: describeKey(p.target),
        action: inspection.found.has(p.id) ? 'adopt' : 'create',
        paused: Boolean(p.pausedByRestore),
        source: p.keepInSource ? 'keep' : 'delete',
        reason: p.reason,
        ...(p.keepInSource && { keepReason: p.keepInSource }),
      }),
    ),
  }));
  return {
    source: source.server,
    target: target.server,
    clusters: plan.clusters,
    namespacesToCreate: inspection.missingNamespaces,
    steps,
    total: plan.total,
    problems: plan.problems.map((p) => p.message),
    warnings: plan.warnings,
  };
}
