/** `drift accept`: turn a live object's drifted values into edits of the profile YAML, comments kept (pure). */
import { type Document, parseAllDocuments } from 'yaml';
import { appendPointer, type FieldChange, parsePointer } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { comparableDesired, projectForAccept } from './drift.js';
import { AcceptError } from './errors.js';
import type { ResourceOrigin } from './types.js';
import { OWNERSHIP_LABELS } from './types.js';

/** One edit of a manifest: set `tokens` to `value`, or remove it. */
export interface AcceptEdit {
  pointer: string;
  tokens: (string | number)[];
  value?: unknown;
  remove?: boolean;
}

const OWNERSHIP_POINTERS = Object.values(OWNERSHIP_LABELS).map((l) => appendPointer('/metadata/labels', l));

/**
 * The edits that make the manifest `desired` declare what `live` holds for each drifted field.
 * Secrets are refused: their values must not be copied into files by a tool.
 */
export function acceptEdits(
  desired: KubeObject,
  live: KubeObject,
  changes: readonly FieldChange[],
): AcceptEdit[] {
  if (desired.kind === 'Secret')
    throw new AcceptError(
      'drift accept does not copy Secret values into profile files; edit the profile by hand',
    );
  const want = comparableDesired(desired);
  const have = projectForAccept(desired, live);
  const edits: AcceptEdit[] = [];
  for (const change of changes) {
    if (change.path === '')
      throw new AcceptError(
        `${desired.kind} ${desired.metadata.name} is missing live; remove it from the profile by hand if that is intended`,
      );
    if (OWNERSHIP_POINTERS.includes(change.path)) continue;
    const raw = parsePointer(change.path);
    if (change.op === 'remove') {
      edits.push({ pointer: change.path, tokens: indexTokens(want, raw), remove: true });
      continue;
    }
    edits.push({ pointer: change.path, tokens: toDesiredTokens(have, want, raw), value: valueAt(have, raw) });
  }
  return edits;
}

/** Applies edits to the manifest at `origin` inside a YAML text; returns the new text. */
export function applyAcceptEdits(
  text: string,
  origin: Pick<ResourceOrigin, 'document' | 'path'>,
  edits: readonly AcceptEdit[],
): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new AcceptError('profile file holds no YAML documents');
  const doc = docs[origin.document];
  if (!doc) throw new AcceptError(`profile file has no document ${origin.document + 1}`);
  const sets = edits.filter((e) => !e.remove);
  // Removals last and from the highest index down, so earlier ones do not shift later paths.
  const removals = edits
    .filter((e) => e.remove)
    .sort((a, b) => b.pointer.localeCompare(a.pointer, 'en', { numeric: true }));
  for (const e of sets) doc.setIn([...origin.path, ...e.tokens], createNode(doc, e.value));
  for (const e of removals) doc.deleteIn([...origin.path, ...e.tokens]);
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}

function createNode(doc: Document, value: unknown): unknown {
  return value !== null && typeof value === 'object' ? doc.createNode(value) : value;
}

// Named-list positions in the projected live object become positions in the desired manifest.
function toDesiredTokens(shape: unknown, desired: unknown, tokens: string[]): (string | number)[] {
  const out: (string | number)[] = [];
  let s = shape;
  let d = desired;
  for (const token of tokens) {
    if (Array.isArray(s)) {
      const i = Number(token);
      const name = (s[i] as { name?: unknown } | undefined)?.name;
      const j =
        typeof name === 'string' && Array.isArray(d)
          ? d.findIndex((e) => (e as { name?: unknown })?.name === name)
          : i;
      out.push(j < 0 ? i : j);
      s = s[i];
      d = Array.isArray(d) ? d[j < 0 ? i : j] : undefined;
    } else {
      out.push(token);
      s = (s as Record<string, unknown> | undefined)?.[token];
      d = (d as Record<string, unknown> | undefined)?.[token];
    }
  }
  return out;
}

function indexTokens(shape: unknown, tokens: string[]): (string | number)[] {
  let s = shape;
  return tokens.map((t) => {
    const isIndex = Array.isArray(s);
    s = isIndex ? (s as unknown[])[Number(t)] : (s as Record<string, unknown> | undefined)?.[t];
    return isIndex ? Number(t) : t;
  });
}

function valueAt(root: unknown, tokens: string[]): unknown {
  let v = root;
  for (const t of tokens)
    v = Array.isArray(v) ? v[Number(t)] : (v as Record<string, unknown> | undefined)?.[t];
  return v;
}
