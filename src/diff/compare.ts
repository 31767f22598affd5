/** Field-level comparison of two objects as JSON Pointer changes (pure). */
import { appendPointer } from './pointer.js';
import { isSecret, redactChange } from './redact.js';

/** What happened to one field. */
export type ChangeOp = 'add' | 'remove' | 'replace';

/** One field-level change: `path` is a JSON Pointer, `old`/`new` are absent for adds/removes. */
export interface FieldChange {
  path: string;
  op: ChangeOp;
  old?: unknown;
  new?: unknown;
}

type Json = Record<string, unknown>;

/**
 * Compares `from` with `to` and returns the changes that turn one into the other, sorted by path.
 *
 * Objects are compared key by key. Arrays are compared index by index, except lists whose
 * elements are all objects with a unique string `name` (containers, volumes, env, ports …):
 * those are matched by `name`, so inserting or reordering elements does not report every later
 * element as changed, and order alone is not a change. Paths of matched and added elements index
 * into `to`; paths of removed elements index into `from`.
 *
 * When either side is a Secret, values under `data`/`stringData` are replaced by markers
 * (see redact.ts): a change says which key changed, never the value.
 */
export function compareObjects(from: unknown, to: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue(from, to, '', out);
  const changes = isSecret(from) || isSecret(to) ? out.map(redactChange) : out;
  return changes.sort((a, b) => comparePaths(a.path, b.path));
}

function diffValue(from: unknown, to: unknown, path: string, out: FieldChange[]): void {
  if (isObject(from) && isObject(to)) diffObject(from, to, path, out);
  else if (Array.isArray(from) && Array.isArray(to)) diffArray(from, to, path, out);
  else if (!deepEqual(from, to)) out.push({ path, op: 'replace', old: from, new: to });
}

function diffObject(from: Json, to: Json, path: string, out: FieldChange[]): void {
  for (const key of Object.keys(from)) {
    if (!(key in to)) out.push({ path: appendPointer(path, key), op: 'remove', old: from[key] });
  }
  for (const [key, value] of Object.entries(to)) {
    const child = appendPointer(path, key);
    if (key in from) diffValue(from[key], value, child, out);
    else out.push({ path: child, op: 'add', new: value });
  }
}

function diffArray(from: unknown[], to: unknown[], path: string, out: FieldChange[]): void {
  if (isNamedList(from) && isNamedList(to) && (from.length > 0 || to.length > 0)) {
    diffNamedList(from, to, path, out);
    return;
  }
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < common; i++) diffValue(from[i], to[i], appendPointer(path, i), out);
  for (let i = common; i < from.length; i++)
    out.push({ path: appendPointer(path, i), op: 'remove', old: from[i] });
  for (let i = common; i < to.length; i++) out.push({ path: appendPointer(path, i), op: 'add', new: to[i] });
}

function diffNamedList(from: Json[], to: Json[], path: string, out: FieldChange[]): void {
  const before = new Map(from.map((e, i) => [e.name as string, { e, i }]));
  const names = new Set(to.map((e) => e.name as string));
  for (const [name, { e, i }] of before) {
    if (!names.has(name)) out.push({ path: appendPointer(path, i), op: 'remove', old: e });
  }
  to.forEach((e, j) => {
    const match = before.get(e.name as string);
    if (match) diffValue(match.e, e, appendPointer(path, j), out);
    else out.push({ path: appendPointer(path, j), op: 'add', new: e });
  });
}

/** True when every element is an object with a string `name` and no name repeats. */
export function isNamedList(list: unknown[]): list is Json[] {
  const seen = new Set<string>();
  for (const e of list) {
    if (!isObject(e) || typeof e.name !== 'string' || seen.has(e.name)) return false;
    seen.add(e.name);
  }
  return true;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Numeric tokens sort numerically so `/items/2` comes before `/items/10`.
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
