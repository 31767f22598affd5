/** The journal's stored shape: a JSON header and gzip-compressed entry parts (pure apart from zlib). */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { fieldPath } from '../../common/zod-issues.js';
import { ApplyError } from '../errors.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Where a journaled operation stands. */
export type JournalPhase = 'InProgress' | 'Completed' | 'PartiallyFailed' | 'Failed' | 'RolledBack';

/** One object's progress as stored: identity, uid in the source and in the target, the result text. */
export interface StoredEntry {
  id: string;
  oldUid?: string;
  newUid?: string;
  result: string;
}

/**
 * The journal header: identity, phase, the caller's state and how many entry parts exist. `kind`
 * is open (restore, move, and the hub's sync and activation); each kind validates its own state.
 */
export interface JournalHeader<S = unknown> {
  version: 1;
  kind: string;
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
  kind: z.string().min(1),
  name: z.string().min(1),
  fingerprint: z.string(),
  phase: z.enum(['InProgress', 'Completed', 'PartiallyFailed', 'Failed', 'RolledBack']),
  state: z.unknown(),
  parts: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

const entriesSchema = z.array(z.tuple([z.string().min(1), z.string(), z.string(), z.string()]));

/** Serialises a header. */
export function encodeHeader(header: JournalHeader): string {
  return JSON.stringify(header);
}

/** Parses a header; throws apply.journal-invalid naming `where` and the first wrong field. */
export function decodeHeader(text: string, where: string): JournalHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApplyError('apply.journal-invalid', `journal ${where} is not valid json`, { cause: err });
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success)
    throw new ApplyError(
      'apply.journal-invalid',
      `journal ${where} is not a driftline journal: ${firstIssue(parsed.error)}`,
    );
  return parsed.data as JournalHeader;
}

/** Entries as base64 gzip of `[[id, oldUid, newUid, result], …]`. */
export async function encodeEntries(entries: readonly StoredEntry[]): Promise<string> {
  const rows = entries.map((e) => [e.id, e.oldUid ?? '', e.newUid ?? '', e.result]);
  return (await gzipAsync(Buffer.from(JSON.stringify(rows), 'utf8'))).toString('base64');
}

/** Reverses {@link encodeEntries}; throws apply.journal-invalid when the part is corrupt. */
export async function decodeEntries(base64: string, where: string): Promise<StoredEntry[]> {
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
    throw new ApplyError('apply.journal-invalid', `journal part ${where} is corrupt`, { cause: err });
  }
}

/** `field: message` of a zod error's first issue, for one-line messages. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${fieldPath(issue.path)}: ${issue.message}` : 'invalid';
}
