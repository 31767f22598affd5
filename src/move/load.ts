/** Reading what a move is about (reads only): a new move's graph and plan, or a journaled move's objects read back. */
import { mapLimit } from '../common/concurrency.js';
import { describeKey } from '../model/resource-key.js';
import { sourceProblems, type UnfinishedMove } from './checks.js';
import { parseId } from './delete.js';
import { MoveError } from './errors.js';
import { discoverGraph } from './graph.js';
import { readInventory } from './inventory.js';
import { isUnfinished, listMoveHeaders, type MoveJournal } from './journal.js';
import { buildMovePlan } from './plan.js';
import { inspectTarget, type TargetInspection } from './preflight.js';
import { provisioningProblems } from './provisioning.js';
import { selectClusters } from './select.js';
import type { MoveGraph, MoveObject, MovePlan, MoveProblem, MoveSource, MoveTarget } from './types.js';
import { chooseVersions, type TypeChoice } from './versions.js';

/** What a move will do, and what the target already holds. */
export interface LoadedMove {
  plan: MovePlan;
  inspection: TargetInspection;
}

/** What to move. */
export interface MoveSelection {
  /** null for all namespaces. */
  namespaces: string[] | null;
  /** Cluster names (`NAME` or `NAMESPACE/NAME`); none for every Cluster in the namespaces. */
  clusters: string[];
}

/** Discovers the graph of a new move, plans it and runs every preflight check; writes nothing. */
export async function loadNewMove(
  source: MoveSource,
  target: MoveTarget,
  selection: MoveSelection,
  name: string,
  concurrency = 16,
): Promise<LoadedMove> {
  const choices = await typeChoices(source, target);
  const objects = await readInventory(source, choices, selection.namespaces);
  const graph = discoverGraph(objects, selectClusters(objects, selection.clusters));
  if (graph.objects.length === 0)
    throw new MoveError(
      'move.not-found',
      'nothing to move: no cluster api clusters or move-labelled objects in the selected namespaces',
    );
  const unfinished = await unfinishedMoves(target);
  return withInspection(
    target,
    buildMovePlan(graph, choices, name),
    name,
    [...sourceProblems(graph, unfinished), ...provisioningProblems(graph)],
    concurrency,
  );
}

/**
 * Reads a journaled move's objects back from the source (before deletion started, they are all
 * there, paused) and plans them again; the graph is not rediscovered, so the set stays the one
 * the move started with.
 */
export async function loadJournaledMove(
  source: MoveSource,
  target: MoveTarget,
  journal: MoveJournal,
  name: string,
  concurrency = 16,
): Promise<LoadedMove> {
  const choices = await typeChoices(source, target);
  const byKind = new Map(choices.map((c) => [`${c.list.group}/${c.list.kind}`, c]));
  const problems: MoveProblem[] = [];
  const read = await mapLimit(journal.entries(), concurrency, async (e): Promise<MoveObject | undefined> => {
    const id = parseId(e.id);
    const choice = byKind.get(`${id.group}/${id.kind}`);
    const object = choice ? await source.get(choice.list, id.namespace, id.name) : undefined;
    if (!choice || !object || (e.oldUid && object.metadata.uid !== e.oldUid)) {
      problems.push({
        kind: 'changed',
        message: `${describeKey(id)} is no longer in the source as it was when the move started`,
      });
      return undefined;
    }
    const kept = journal.state.kept[e.id];
    return {
      object,
      resource: choice.list,
      id: e.id,
      reason: 'journaled',
      ...(kept && { keepInSource: kept }),
    };
  });
  const graph: MoveGraph = {
    objects: read.filter((o): o is MoveObject => o !== undefined),
    clusters: journal.state.clusters,
  };
  return withInspection(target, buildMovePlan(graph, choices, name), name, problems, concurrency);
}

/** Throws move.refused listing every problem; called before anything changes. */
export function refuseProblems(problems: readonly MoveProblem[], source: string, target: string): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  - ${p.message}`);
  throw new MoveError(
    'move.refused',
    `cannot move from ${source} to ${target}; nothing was changed:\n${lines.join('\n')}`,
  );
}

async function typeChoices(source: MoveSource, target: MoveTarget): Promise<TypeChoice[]> {
  if (source.server === target.server)
    throw new MoveError(
      'move.invalid',
      `the source and the target are the same api server (${source.server})`,
    );
  const [s, t] = await Promise.all([source.discover(true), target.discover(true)]);
  return chooseVersions(s.resources, t.resources);
}

async function unfinishedMoves(target: MoveTarget): Promise<UnfinishedMove[]> {
  return (await listMoveHeaders(target)).filter(isUnfinished).map((h) => ({
    name: h.name,
    step: h.state.step,
    clusters: h.state.clusters,
  }));
}

async function withInspection(
  target: MoveTarget,
  plan: MovePlan,
  name: string,
  problems: MoveProblem[],
  concurrency: number,
): Promise<LoadedMove> {
  const inspection = await inspectTarget(target, plan, name, concurrency);
  return { plan: { ...plan, problems: [...plan.problems, ...problems, ...inspection.problems] }, inspection };
}
