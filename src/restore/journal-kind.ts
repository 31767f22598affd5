/** A restore's journal: its state and per-object results, validated when a journal is read back. */
import { z } from 'zod';
import {
  ConfigMapJournalStore,
  type Journal,
  type JournalClient,
  type JournalEntry,
  type JournalKindSpec,
} from '../apply/index.js';
import type { ItemAction, PlannedObject } from './types.js';

/** The journal state of a restore. */
export interface RestoreJournalState {
  backupName: string;
  /** `namespace/name` of the Clusters the restore paused (created paused, or updated to paused). */
  pausedClusters: string[];
  unpaused: boolean;
}

/** What a restore journals per object: what it did, and whether that paused the Cluster. */
export interface RestoreEntryResult {
  action: Exclude<ItemAction, 'failed'>;
  /** True when this write paused a Cluster that was not paused before (`updated,paused`). */
  paused: boolean;
}

/** A restore's open journal. */
export type RestoreJournal = Journal<RestoreJournalState, RestoreEntryResult>;

/** A journaled object of a restore. */
export type RestoreEntry = JournalEntry<RestoreEntryResult>;

const ACTIONS = new Set(['created', 'updated', 'skipped']);
const PAUSED_MARK = 'paused';

/** The restore kind: `action` or `action,paused` per object, as earlier versions wrote it. */
export const RESTORE_JOURNAL: JournalKindSpec<RestoreJournalState, RestoreEntryResult> = {
  kind: 'restore',
  state: z.object({
    backupName: z.string().min(1),
    pausedClusters: z.array(z.string()),
    unpaused: z.boolean(),
  }),
  encodeResult: (r) => (r.paused ? `${r.action},${PAUSED_MARK}` : r.action),
  decodeResult: (text) => {
    const [action = '', mark, ...rest] = text.split(',');
    if (!ACTIONS.has(action) || rest.length > 0 || (mark !== undefined && mark !== PAUSED_MARK))
      return undefined;
    return { action: action as RestoreEntryResult['action'], paused: mark === PAUSED_MARK };
  },
};

/** The store of restore `name`'s journal in the target. */
export function restoreJournalStore(client: JournalClient, name: string): ConfigMapJournalStore {
  return new ConfigMapJournalStore(client, RESTORE_JOURNAL.kind, name);
}

/** True when the journal entry says this restore paused the Cluster (a Cluster it created, it created paused). */
export function pausedInJournal(
  planned: Pick<PlannedObject, 'pausedByRestore'>,
  entry: RestoreEntry,
): boolean {
  return entry.result.paused || (entry.result.action === 'created' && Boolean(planned.pausedByRestore));
}
