/** A move's journal: its state and per-object results, validated when a journal is read back. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ConfigMapJournalStore,
  type Journal,
  type JournalClient,
  type JournalKindSpec,
} from '../apply/index.js';
import type { EntryState, MoveJournalState } from './types.js';

/** A move's open journal. */
export type MoveJournal = Journal<MoveJournalState, EntryState>;

const STEPS = [
  'pausing',
  'creating',
  'verifying',
  'deleting',
  'unpausing',
  'done',
  'rolling-back',
  'rolled-back',
] as const;

const stateSchema = z.object({
  step: z.enum(STEPS),
  sourceServer: z.string(),
  targetServer: z.string(),
  namespaces: z.array(z.string()).nullable(),
  clusters: z.array(z.string()),
  pausedInSource: z.array(z.string()),
  pausedInTarget: z.array(z.string()),
  createdNamespaces: z.array(z.string()),
  kept: z.record(z.string(), z.string()),
  error: z.string().optional(),
});

const TARGETS = new Set(['planned', 'created', 'existing']);
const SOURCES = new Set(['present', 'deleted', 'kept']);

/** The move kind: `created`, `existing,deleted`, … per object, as earlier versions wrote it. */
export const MOVE_JOURNAL: JournalKindSpec<MoveJournalState, EntryState> = {
  kind: 'move',
  state: stateSchema,
  encodeResult: (s) => (s.source === 'present' ? s.target : `${s.target},${s.source}`),
  decodeResult: (text) => {
    const [target = '', source = 'present', ...rest] = text.split(',');
    if (!TARGETS.has(target) || !SOURCES.has(source) || rest.length > 0) return undefined;
    return { target, source } as EntryState;
  },
};

/** The store of move `name`'s journal in the target. */
export function moveJournalStore(client: JournalClient, name: string): ConfigMapJournalStore {
  return new ConfigMapJournalStore(client, MOVE_JOURNAL.kind, name);
}

/**
 * What a move was asked, hashed: the same name with other clusters, namespaces or servers is
 * another move, and resuming must not mix the two.
 */
export function moveFingerprint(
  state: Pick<MoveJournalState, 'sourceServer' | 'targetServer' | 'clusters' | 'namespaces'>,
): string {
  const asked = {
    source: state.sourceServer,
    target: state.targetServer,
    clusters: [...state.clusters].sort(),
    namespaces: state.namespaces === null ? null : [...state.namespaces].sort(),
  };
  return createHash('sha256').update(JSON.stringify(asked)).digest('hex').slice(0, 16);
}
