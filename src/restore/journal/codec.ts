/** The journal's stored shape: a JSON header and gzip-compressed entry parts (pure apart from zlib). */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { RestoreError } from '../errors.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** What a journal records: a restore or a move. */
export type JournalKind = 'restore' | 'move';

/** Where a journaled operation stands. */
export type JournalPhase = 'InProgress' | 'Completed' | 'PartiallyFailed' | 'Failed' | 'RolledBack';

/** One object's progress: its identity, its uid in the source and in the target, and what was done. */
export interface JournalEntry {
  id: string;
  oldUid?: string;
  newUid?: string;
  /** `created`, `updated`, `skipped` (restores); moves add their own results. */
  result: string;
}

/** The journal header: identity, phase, caller state and how many entry parts exist. */
export interface JournalHeader<S = unknown> {
  version: 1;
  kind: JournalKind;
  name: string;
  /** Hash of what was asked; a re-run must ask the same. */
  fingerprint: string;
  phase: JournalPhase;
  state: S;
  parts: number;
  entries: number;
  runs: number;
  startedAt: string;
  updatedAt: string;
}

const headerSchema = z.looseObject({
  version: z.literal(1),
  kind: z.enum(['restore', 'move']),
  name: z.string(),
  fingerprint: z.string(),
  phase: z.enum(['InProgress', 'Completed', 'PartiallyFailed', 'Failed', 'RolledBack']),
  state: z.unknown(),
  parts: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

const entriesSchema = z.array(z.tuple([z.string(), z.string(), z.string(), z.string()]));

/** Serialises a header. */
export function encodeHeader(header: JournalHeader): string {
  return JSON.stringify(header);
}

/** Parses a header; throws restore.journal naming the ConfigMap when it is unreadable. */
export function decodeHeader(text: string, where: string): JournalHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RestoreError('restore.journal', `journal ${where} is not valid json`, { cause: err });
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new RestoreError('restore.journal', `journal ${where} has an unexpected shape`);
  return parsed.data as JournalHeader;
}

/** Entries as base64 gzip of `[[id, oldUid, newUid, result], …]`. */
export async function encodeEntries(entries: readonly JournalEntry[]): Promise<string> {
  const rows = entries.map((e) => [e.id, e.oldUid ?? '', e.newUid ?? '', e.result]);
  return (await gzipAsync(Buffer.from(JSON.stringify(rows), 'utf8'))).toString('base64');
}

/** Reverses {@link encodeEntries}; throws restore.journal when the part is corrupt. */
export async function decodeEntries(base64: string, where: string): Promise<JournalEntry[]> {
  try {
    const rows = entriesSchema.parse(
      JSON.parse((await gunzipAsync(Buffer.from(base64, 'base64'))).toString('utf8')),
    );
    return rows.map(([id, oldUid, newUid, result]) => ({
      id,
      result,
      ...(oldUid && { oldUid }),
      ...(newUid && { newUid }),
    }));
  } catch (err) {
    throw new RestoreError('restore.journal', `journal part ${where} is corrupt`, { cause: err });
  }
}
