/** Starting, resuming and rolling back moves: the journal first, then the phases in order, each journaled. */
import { type JournalOptions, guarded as journaled, runPhases } from '../apply/index.js';
import { rfc3339 } from '../format/index.js';
import type { RunContext } from './context.js';
import { createInTarget } from './create.js';
import { deleteFromSource } from './delete.js';
import { MoveError } from './errors.js';
import {
  isUnfinished,
  listMoveHeaders,
  type MoveJournal,
  openMoveJournal,
  reportOfJournal,
} from './journal.js';
import {
  type LoadedMove,
  loadJournaledMove,
  loadNewMove,
  type MoveSelection,
  refuseProblems,
} from './load.js';
import { pauseSource, unpauseTarget } from './pause.js';
import { planObjects } from './plan.js';
import { rollbackMove } from './rollback.js';
import type {
  MoveJournalState,
  MoveProgress,
  MoveReport,
  MoveSource,
  MoveStep,
  MoveTarget,
} from './types.js';
import { verifyTarget } from './verify.js';

/** Knobs shared by every run. */
export interface RunOptions {
  concurrency?: number;
  /** Simulates a crash after this many objects are created in the target (tests; hidden flag). */
  failAfter?: number;
  /** Simulates a crash after this many objects are deleted from the source (tests; hidden flag). */
  failAfterDeletes?: number;
  journal?: JournalOptions;
  onProgress?: (p: MoveProgress) => void;
  log?: (line: string) => void;
}

/** A new move. */
export interface MoveRequest extends MoveSelection, RunOptions {
  /** Default: the start time, `YYYYMMDD-hhmmss`. */
  name?: string;
  now?: () => Date;
}

const PHASES: Partial<Record<MoveStep, (ctx: RunContext) => Promise<void>>> = {
  pausing: pauseSource,
  creating: createInTarget,
  verifying: verifyTarget,
  deleting: deleteFromSource,
  unpausing: unpauseTarget,
};

/** The default name of a move started at `date`. */
export function defaultMoveName(date: Date): string {
  return rfc3339(date).replace(/[-:]/g, '').replace('T', '-').replace(/Z$/, '').toLowerCase();
}

/**
 * Moves the selected clusters: refuses before anything changes when a preflight check fails,
 * then writes the journal (naming the clusters it is about to pause) and runs the phases.
 */
export async function startMove(
  source: MoveSource,
  target: MoveTarget,
  request: MoveRequest,
): Promise<MoveReport> {
  const name = request.name ?? defaultMoveName((request.now ?? (() => new Date()))());
  const loaded = await loadNewMove(source, target, request, name, request.concurrency);
  refuseProblems(loaded.plan.problems, source.server, target.server);
  const journal = await openMoveJournal(
    target,
    name,
    initialState(source, target, request, loaded),
    request.journal,
  );
  if (journal.resumed)
    throw new MoveError(
      'move.exists',
      `move ${name} already exists in the target: resume it with --resume, or choose another --name`,
    );
  for (const p of planObjects(loaded.plan)) {
    const found = loaded.inspection.found.get(p.id);
    const adopted = found && !found.ours;
    await journal.record({
      id: p.id,
      ...(p.oldUid && { oldUid: p.oldUid }),
      ...(adopted && { newUid: found.uid }),
      result: { target: adopted ? 'existing' : 'planned', source: 'present' },
    });
  }
  await journal.update({ phase: 'InProgress' });
  return runMovePhases(contextOf(name, source, target, journal, loaded, request));
}

/** Continues an interrupted move (the named one, or the only unfinished one in the target). */
export async function resumeMove(
  source: MoveSource,
  target: MoveTarget,
  request: RunOptions & { name?: string },
): Promise<MoveReport> {
  const { name, journal } = await openExisting(source, target, request);
  if (journal.phase === 'Completed') throw new MoveError('move.exists', `move ${name} already completed`);
  if (journal.phase === 'RolledBack')
    throw new MoveError('move.exists', `move ${name} was rolled back; start a new move`);
  const step = journal.state.step;
  if (step === 'rolling-back')
    throw new MoveError(
      'move.invalid',
      `move ${name} is being rolled back: run driftline move --rollback to finish it`,
    );
  const beforeDeletion = step === 'pausing' || step === 'creating' || step === 'verifying';
  let loaded: LoadedMove | undefined;
  if (beforeDeletion) {
    loaded = await loadJournaledMove(source, target, journal, name, request.concurrency);
    refuseProblems(loaded.plan.problems, source.server, target.server);
  }
  // Pausing and creating are idempotent: running them again repairs what an interruption left.
  const restart: MoveStep = beforeDeletion ? 'pausing' : step;
  await journal.update({ phase: 'InProgress', state: { ...journal.state, step: restart, error: undefined } });
  return runMovePhases(contextOf(name, source, target, journal, loaded, request));
}

/** Rolls back an interrupted move that has not started deleting from the source. */
export async function rollbackMoveByName(
  source: MoveSource,
  target: MoveTarget,
  request: RunOptions & { name?: string },
): Promise<MoveReport> {
  const { name, journal } = await openExisting(source, target, request);
  const ctx = contextOf(name, source, target, journal, undefined, request);
  await guarded(ctx, () => rollbackMove(ctx));
  return reportOfJournal(journal, name, ctx.warnings);
}

async function runMovePhases(ctx: RunContext): Promise<MoveReport> {
  await runPhases(phaseJournal(ctx), bind(ctx), {
    passThrough: ['move.rollback-refused'],
    log: (line) => ctx.log(`move ${ctx.name}: ${line.replace(/^phase /, '')}`),
  });
  return reportOfJournal(ctx.journal, ctx.name, ctx.warnings);
}

function bind(ctx: RunContext): Partial<Record<MoveStep, () => Promise<void>>> {
  return Object.fromEntries(Object.entries(PHASES).map(([step, phase]) => [step, () => phase!(ctx)]));
}

// The move journal as the engine's phase runner sees it: its step, and a failure recorded with the error.
function phaseJournal(ctx: RunContext) {
  return {
    get step(): MoveStep {
      return ctx.journal.state.step;
    },
    fail: (error: string) => ctx.journal.update({ phase: 'Failed', state: { ...ctx.journal.state, error } }),
  };
}

// A failure is journaled (phase Failed, the error) before it is thrown; a simulated crash is not.
async function guarded(ctx: RunContext, run: () => Promise<void>): Promise<void> {
  await journaled(phaseJournal(ctx), run, ['move.rollback-refused']);
}

async function openExisting(
  source: MoveSource,
  target: MoveTarget,
  request: { name?: string; journal?: JournalOptions },
): Promise<{ name: string; journal: MoveJournal }> {
  const name = request.name ?? (await onlyUnfinished(target));
  const journal = await openMoveJournal(target, name, emptyState(source, target), request.journal);
  if (!journal.resumed) throw new MoveError('move.not-found', `there is no move ${name} in ${target.server}`);
  if (journal.state.sourceServer !== source.server)
    throw new MoveError(
      'move.invalid',
      `move ${name} moves from ${journal.state.sourceServer}, not from ${source.server}: pass the same --from-context`,
    );
  return { name, journal };
}

async function onlyUnfinished(target: MoveTarget): Promise<string> {
  const unfinished = (await listMoveHeaders(target)).filter(isUnfinished);
  if (unfinished.length === 1) return unfinished[0]!.name;
  if (unfinished.length === 0)
    throw new MoveError('move.not-found', `there is no unfinished move in ${target.server}`);
  const names = unfinished.map((h) => h.name).join(', ');
  throw new MoveError('move.invalid', `several moves are unfinished (${names}): choose one with --name`);
}

function contextOf(
  name: string,
  source: MoveSource,
  target: MoveTarget,
  journal: MoveJournal,
  loaded: LoadedMove | undefined,
  options: RunOptions,
): RunContext {
  return {
    name,
    source,
    target,
    journal,
    ...(loaded && { plan: loaded.plan }),
    found: loaded?.inspection.found ?? new Map(),
    missingNamespaces: loaded?.inspection.missingNamespaces ?? [],
    concurrency: options.concurrency ?? 16,
    failAfter: options.failAfter,
    failAfterDeletes: options.failAfterDeletes,
    warnings: [],
    onProgress: options.onProgress,
    log: options.log ?? (() => undefined),
  };
}

function initialState(
  source: MoveSource,
  target: MoveTarget,
  request: MoveRequest,
  loaded: LoadedMove,
): MoveJournalState {
  const kept: Record<string, string> = {};
  for (const p of planObjects(loaded.plan)) if (p.keepInSource) kept[p.id] = p.keepInSource;
  return {
    ...emptyState(source, target),
    namespaces: request.namespaces,
    clusters: loaded.plan.clusters,
    pausedInSource: loaded.plan.clusters,
    kept,
  };
}

function emptyState(source: MoveSource, target: MoveTarget): MoveJournalState {
  return {
    step: 'pausing',
    sourceServer: source.server,
    targetServer: target.server,
    namespaces: null,
    clusters: [],
    pausedInSource: [],
    pausedInTarget: [],
    createdNamespaces: [],
    kept: {},
  };
}
