/** Ranked status values of recovery drift and the one fold that rolls them up (gitops-engine health style). */

/** A Machine (or a ghost VM/Node) compared with the infrastructure. */
export type MachineStatus = 'Healthy' | 'Stale' | 'Ghost' | 'Unknown';

/** A level above machines: control plane, worker pool, workers, cluster, summary. */
export type RollupStatus = 'Healthy' | 'Unknown' | 'Drifted' | 'Error';

/** Every status, for tables that print either kind. */
export type AnyStatus = MachineStatus | RollupStatus;

/** Severity of each status; within one union a higher rank is worse (shared names share a rank). */
export const STATUS_RANK: Readonly<Record<AnyStatus, number>> = {
  Healthy: 0,
  Unknown: 1,
  Stale: 2,
  Drifted: 2,
  Ghost: 3,
  Error: 3,
};

/** A status with the human message that explains it. */
export interface Assessment<S extends AnyStatus = AnyStatus> {
  status: S;
  message: string;
}

/** How many machines (and ghosts) below a level have each machine status. */
export type Tally = Record<MachineStatus, number>;

/** A roll-up: the worst status below, a message, the machine tally and the notes that explain it. */
export interface Rollup extends Assessment<RollupStatus> {
  tally: Tally;
  /** Level-specific explanations (errors, unchecked sources), worst first, inherited from below. */
  notes: Assessment<RollupStatus>[];
}

/** True when `a` is worse than `b`. */
export function isWorse(a: MachineStatus, b: MachineStatus): boolean;
export function isWorse(a: RollupStatus, b: RollupStatus): boolean;
export function isWorse(a: AnyStatus, b: AnyStatus): boolean {
  return STATUS_RANK[a] > STATUS_RANK[b];
}

/** What a machine status means one level up: Stale and Ghost are drift, Unknown stays unknown. */
export function rollupOf(status: MachineStatus): RollupStatus {
  if (status === 'Healthy') return 'Healthy';
  if (status === 'Unknown') return 'Unknown';
  return 'Drifted';
}

/** An empty tally. */
export function emptyTally(): Tally {
  return { Healthy: 0, Stale: 0, Ghost: 0, Unknown: 0 };
}

/** `1 Stale, 2 Ghost, 3 Healthy` (worst first, zeros left out) or `no machines`. */
export function describeTally(tally: Tally): string {
  const order: MachineStatus[] = ['Stale', 'Ghost', 'Unknown', 'Healthy'];
  const parts = order.filter((s) => tally[s] > 0).map((s) => `${tally[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'no machines';
}

/** What one level folds: its machines (or child roll-ups) and its own notes (e.g. an Error). */
export interface FoldInput {
  machines?: readonly Assessment<MachineStatus>[];
  children?: readonly Rollup[];
  notes?: readonly Assessment<RollupStatus>[];
}

const MAX_NOTES_IN_MESSAGE = 3;

function messageOf(status: RollupStatus, tally: Tally, notes: readonly string[]): string {
  const shown = notes.slice(0, MAX_NOTES_IN_MESSAGE);
  if (notes.length > shown.length) shown.push(`${notes.length - shown.length} more`);
  const counts = describeTally(tally);
  return status === 'Healthy' && shown.length === 0 ? counts : [...shown, counts].join('; ');
}

/**
 * Rolls a level up in one fold: the worst of its machines (Stale/Ghost → Drifted, Unknown →
 * Unknown), its child roll-ups and its own notes (Error when the level could not be evaluated).
 * The message lists the notes (worst first) and the tally of machine statuses below.
 */
export function fold(input: FoldInput): Rollup {
  const tally = emptyTally();
  let status: RollupStatus = 'Healthy';
  const own = (input.notes ?? []).filter((n) => n.status !== 'Healthy');
  const ranked: Assessment<RollupStatus>[] = [...own];
  const worsen = (s: RollupStatus) => {
    if (isWorse(s, status)) status = s;
  };
  for (const m of input.machines ?? []) {
    tally[m.status]++;
    worsen(rollupOf(m.status));
  }
  for (const child of input.children ?? []) {
    for (const s of Object.keys(tally) as MachineStatus[]) tally[s] += child.tally[s];
    worsen(child.status);
    ranked.push(...child.notes);
  }
  for (const note of own) worsen(note.status);
  const notes = uniqueByMessage(stableSortWorstFirst(ranked));
  const message = messageOf(
    status,
    tally,
    notes.map((n) => n.message),
  );
  return { status, message, tally, notes };
}

function stableSortWorstFirst(items: Assessment<RollupStatus>[]): Assessment<RollupStatus>[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => STATUS_RANK[b.item.status] - STATUS_RANK[a.item.status] || a.i - b.i)
    .map(({ item }) => item);
}

function uniqueByMessage(items: readonly Assessment<RollupStatus>[]): Assessment<RollupStatus>[] {
  const seen = new Set<string>();
  return items.filter((n) => !seen.has(n.message) && seen.add(n.message) !== undefined);
}
