/** Move journals: ConfigMaps `driftline-move-<name>` in the target's driftline-system namespace, read and summarised. */
import { CORE_RESOURCES } from '../adapters/kube/core-resources.js';
import {
  decodeHeader,
  headerText,
  Journal,
  type JournalEntry,
  type JournalHeader,
  type JournalOptions,
  type JournalPhase,
  readJournal,
  validate,
} from '../apply/index.js';
import { LABELS, MANAGED_BY, SYSTEM_NAMESPACE } from '../model/vocabulary.js';
import { MOVE_JOURNAL, type MoveJournal, moveFingerprint, moveJournalStore } from './journal-kind.js';
import type { EntryState, MoveCounts, MoveJournalState, MoveReport, MoveTarget } from './types.js';

export type { MoveJournal } from './journal-kind.js';

const CONFIGMAPS = CORE_RESOURCES.configmaps;

/** A journaled object of a move. */
export type MoveEntry = JournalEntry<EntryState>;

/** Opens the journal of move `name` (a new one holds `state` and is written on its first flush). */
export function openMoveJournal(
  target: MoveTarget,
  name: string,
  state: MoveJournalState,
  options?: JournalOptions,
): Promise<MoveJournal> {
  return Journal.open(
    moveJournalStore(target, name),
    MOVE_JOURNAL,
    { name, fingerprint: moveFingerprint(state), state },
    options,
  );
}

/** Loads a move's header and entries without starting a run; undefined when there is no such move. */
export async function loadMove(
  target: MoveTarget,
  name: string,
): Promise<{ header: JournalHeader<MoveJournalState>; entries: MoveEntry[]; location: string } | undefined> {
  const store = moveJournalStore(target, name);
  const read = await readJournal(store, MOVE_JOURNAL, name);
  return read && { ...read, location: store.location };
}

/**
 * The headers of every move journal in the target, newest first. Journals are found by their
 * header, not by a label, so those an earlier version labelled `driftline.io/journal` count too.
 */
export async function listMoveHeaders(target: MoveTarget): Promise<JournalHeader<MoveJournalState>[]> {
  const { items } = await target.list(CONFIGMAPS, {
    namespace: SYSTEM_NAMESPACE,
    labelSelector: `${LABELS.managedBy}=${MANAGED_BY}`,
  });
  const headers: JournalHeader<MoveJournalState>[] = [];
  for (const cm of items) {
    const text = headerText(cm);
    if (text === undefined) continue;
    const where = `configmap ${SYSTEM_NAMESPACE}/${cm.metadata.name}`;
    const header = decodeHeader(text, where);
    if (header.kind !== MOVE_JOURNAL.kind) continue;
    headers.push(validate({ header, parts: [] }, MOVE_JOURNAL, header.name, where).header);
  }
  return headers.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.name.localeCompare(a.name));
}

/** True while a move neither completed nor was rolled back. */
export function isUnfinished(header: Pick<JournalHeader<MoveJournalState>, 'phase'>): boolean {
  return header.phase !== 'Completed' && header.phase !== 'RolledBack';
}

/** Counts entries by state. */
export function countEntries(entries: readonly MoveEntry[]): MoveCounts {
  const counts: MoveCounts = { objects: entries.length, created: 0, adopted: 0, deleted: 0, kept: 0 };
  for (const e of entries) {
    const s = e.result;
    if (s.target === 'created') counts.created++;
    if (s.target === 'existing') counts.adopted++;
    if (s.source === 'deleted') counts.deleted++;
    if (s.source === 'kept') counts.kept++;
  }
  return counts;
}

/** The header fields a report shows. */
export interface HeaderView {
  name: string;
  phase: JournalPhase;
  runs: number;
  state: MoveJournalState;
  startedAt?: string;
  updatedAt?: string;
}

/** The report of a move from its header and entries. */
export function reportFrom(
  header: HeaderView,
  entries: readonly MoveEntry[],
  location: string,
  warnings: string[] = [],
): MoveReport {
  const s = header.state;
  return {
    name: header.name,
    phase: header.phase,
    step: s.step,
    source: s.sourceServer,
    target: s.targetServer,
    journal: location,
    runs: header.runs,
    ...(header.startedAt && { startedAt: header.startedAt }),
    ...(header.updatedAt && { updatedAt: header.updatedAt }),
    counts: countEntries(entries),
    clusters: s.clusters,
    pausedInSource: s.pausedInSource,
    pausedInTarget: s.pausedInTarget,
    createdNamespaces: s.createdNamespaces,
    kept: s.kept,
    warnings,
    ...(s.error && { error: s.error }),
  };
}

/** The report of a journal this run holds open. */
export function reportOfJournal(journal: MoveJournal, name: string, warnings: string[] = []): MoveReport {
  return reportFrom(
    { name, phase: journal.phase, runs: journal.runs, state: journal.state },
    journal.entries(),
    journal.location,
    warnings,
  );
}
