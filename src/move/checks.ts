/** Source-side preflight checks: Clusters paused by someone else, objects being deleted, unfinished moves (pure). */

import { pausedBy } from '../model/capi-pause.js';
import { describeKey, keyOf } from '../model/resource-key.js';
import { isCluster, nsName } from './graph.js';
import type { MoveGraph, MoveProblem, MoveStep } from './types.js';

/** An unfinished move found in the target's journals. */
export interface UnfinishedMove {
  name: string;
  step: MoveStep;
  clusters: string[];
}

/**
 * Problems in the source: a selected Cluster already paused (by an unfinished move, which must be
 * resumed or rolled back, or by someone else, whose pause a move must not take over), a Cluster
 * another unfinished move is moving, and objects already being deleted.
 */
export function sourceProblems(graph: MoveGraph, unfinished: readonly UnfinishedMove[]): MoveProblem[] {
  const problems: MoveProblem[] = [];
  for (const o of graph.objects) {
    const what = describeKey(keyOf(o.object));
    if (isCluster(o)) {
      const cluster = nsName(o);
      const move = unfinished.find((m) => m.clusters.includes(cluster));
      if (move) {
        problems.push({
          kind: 'unfinished',
          message: `${what} is part of unfinished move ${move.name} (step ${move.step}): run driftline move --resume or --rollback --name ${move.name}`,
        });
        continue;
      }
      const how = pausedBy(o.object);
      if (how)
        problems.push({
          kind: 'paused',
          message: `${what} is already paused in the source (${how}) by someone else: unpause it first, or leave it out with --cluster`,
        });
    }
    if (o.object.metadata.deletionTimestamp)
      problems.push({ kind: 'deleting', message: `${what} is being deleted in the source` });
  }
  return problems;
}
