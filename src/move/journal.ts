/** Move journals: ConfigMaps `driftline-move-<name>` in the target's driftline-system namespace, read and summarised. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { JOURNAL_LABEL, JOURNAL_NAMESPACE } from '../restore/filters.js';
import {
  ConfigMapJournalStore,
  decodeHeader,
  Journal,
  type JournalEntry,
  type JournalHeader,
  type JournalOptions,
  type JournalPhase,
} from '../restore/journal/index.js';
import type { EntryState, MoveCounts, MoveJournalState, MoveReport, MoveTarget } from './types.js';

const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

/** A move journal. */
export type MoveJournal = Journal<MoveJournalState>;

/** Opens the journal of move `name` (a new one holds `state` and is written on its first flush). */
export function openMoveJournal(
  target: MoveTarget,
  name: string,
  state: MoveJournalState,
  options?: JournalOptions,
): Promise<MoveJournal> {
  const store = new ConfigMapJournalStore(target, 'move', name);
  return Journal.open<MoveJournalState>(store, { kind: 'move', name, fingerprint: name, state }, options);
}

/** Loads a move's header and entries without starting a run; undefined when there is no such move. */
export async function loadMove(
  target: MoveTarget,
  name: string,
): Promise<
  { header: JournalHeader<MoveJournalState>; entries: JournalEntry[]; location: string } | undefined
> {
  const store = new ConfigMapJournalStore(target, 'move', name);
  const loaded = await store.load();
  if (loaded?.header.kind !== 'move') return undefined;
  const entries = loaded.parts.sort((a, b) => a.index - b.index).flatMap((p) => p.entries);
  return { header: loaded.header as JournalHeader<MoveJournalState>, entries, location: store.location };
}

/** The headers of every move journal in the target, newest first. */
export async function listMoveHeaders(target: MoveTarget): Promise<JournalHeader<MoveJournalState>[]> {
  const { items } = await target.list(CONFIGMAPS, {
    namespace: JOURNAL_NAMESPACE,
    labelSelector: `${JOURNAL_LABEL}=move`,
  });
  const headers: JournalHeader<MoveJournalState>[] = [];
  for (const cm of items) {
    const text = (cm.data as Record<string, string> | undefined)?.['journal.json'];
    if (text === undefined) continue;
    headers.push(
      decodeHeader(
        text,
        `configmap ${JOURNAL_NAMESPACE}/${cm.metadata.name}`,
      ) as JournalHeader<MoveJournalState>,
    );
  }
  return headers.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.name.localeCompare(a.name));
}

/** True while a move neither completed nor was rolled back. */
export function isUnfinished(header: Pick<JournalHeader<MoveJournalState>, 'phase'>): boolean {
  return header.phase !== 'Completed' && header.phase !== 'RolledBack';
}

/** Parses an entry's result: `created`, `existing,deleted`, … */
export function entryState(entry: Pick<JournalEntry, 'result'>): EntryState {
  const [target, source] = entry.result.split(',');
  return {
    target: target === 'created' || target === 'existing' ? target : 'planned',
    source: source === 'deleted' || source === 'kept' ? source : 'present',
  };
}

/** The result string of an entry state. */
export function entryResult(state: EntryState): string {
  return state.source === 'present' ? state.target : `${state.target},${state.source}`;
}

/** Counts entries by state. */
export function countEntries(entries: readonly JournalEntry[]): MoveCounts {
  const counts: MoveCounts = { objects: entries.length, created: 0, adopted: 0, deleted: 0, kept: 0 };
  for (const e of entries) {
    const s = entryState(e);
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
  entries: readonly JournalEntry[],
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
