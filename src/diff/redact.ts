/** Secret redaction: values under a Secret's `data`/`stringData` never leave the diff layer (pure). */
import type { KubeObject } from '../model/resource-key.js';
import type { FieldChange } from './compare.js';
import { LAST_APPLIED_ANNOTATION } from './normalize.js';
import { appendPointer, parsePointer } from './pointer.js';

/** Shown instead of a Secret value. */
export const REDACTED = '(redacted)';

/** Shown instead of a Secret value that differs from the other side's value for the same key. */
export const REDACTED_CHANGED = '(redacted, value changed)';

/** The fields of a Secret whose values are secret. */
export const SECRET_VALUE_FIELDS = ['data', 'stringData'] as const;

const SECRET_POINTERS = [
  ...SECRET_VALUE_FIELDS.map((f) => `/${f}`),
  appendPointer('/metadata/annotations', LAST_APPLIED_ANNOTATION),
];

/** True for a core Secret (any object of kind `Secret`, to err on the safe side). */
export function isSecret(obj: unknown): boolean {
  return (obj as { kind?: unknown } | null | undefined)?.kind === 'Secret';
}

/** True when `pointer` addresses secret material of a Secret (a value, a whole map, or last-applied). */
export function isSecretPointer(pointer: string): boolean {
  return SECRET_POINTERS.some((p) => pointer === p || pointer.startsWith(`${p}/`));
}

/** Returns a copy of `obj` with every Secret value replaced by {@link REDACTED}; other kinds unchanged. */
export function redact<T extends KubeObject>(obj: T): T {
  return isSecret(obj) ? redactAgainst(obj, undefined) : obj;
}

/**
 * Redacts both sides of a comparison. Keys whose values differ get {@link REDACTED_CHANGED} on
 * the `to` side, so a rendered diff still shows that the key changed — without either value.
 */
export function redactPair<T extends KubeObject>(
  from: T | undefined,
  to: T | undefined,
): [T | undefined, T | undefined] {
  if (!isSecret(from) && !isSecret(to)) return [from, to];
  return [from && redactAgainst(from, undefined), to && redactAgainst(to, from)];
}

function redactAgainst<T extends KubeObject>(obj: T, other: T | undefined): T {
  const copy: Record<string, unknown> = { ...obj };
  for (const field of SECRET_VALUE_FIELDS) {
    const values = obj[field];
    if (values === undefined || values === null) continue;
    copy[field] = maskValues(values, other?.[field]);
  }
  const annotations = obj.metadata?.annotations;
  if (annotations && LAST_APPLIED_ANNOTATION in annotations) {
    copy.metadata = {
      ...obj.metadata,
      annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: REDACTED },
    };
  }
  return copy as T;
}

function maskValues(values: unknown, other: unknown): unknown {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return REDACTED;
  const before = (typeof other === 'object' && other !== null ? other : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      other !== undefined && k in before && before[k] !== v ? REDACTED_CHANGED : REDACTED,
    ]),
  );
}

/**
 * A field change with Secret material replaced by markers; the path (the key) stays visible.
 * A change at an ancestor of secret material (the whole object, `/metadata`) has its subtree redacted.
 */
export function redactChange(change: FieldChange): FieldChange {
  const out: FieldChange = { path: change.path, op: change.op };
  if (isSecretPointer(change.path)) {
    if ('old' in change) out.old = mask(change.old, change.path, REDACTED);
    if ('new' in change)
      out.new = mask(change.new, change.path, change.op === 'replace' ? REDACTED_CHANGED : REDACTED);
    return out;
  }
  if (!SECRET_POINTERS.some((p) => p.startsWith(`${change.path}/`))) return change;
  if ('old' in change) out.old = redactSubtree(change.old, change.path);
  if ('new' in change) out.new = redactSubtree(change.new, change.path);
  return out;
}

// Wraps the value back into an object shape, redacts that, and unwraps it again.
function redactSubtree(value: unknown, pointer: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const tokens = parsePointer(pointer);
  let root: unknown = value;
  for (const token of [...tokens].reverse()) root = { [token]: root };
  let out: unknown = redactAgainst(root as KubeObject, undefined);
  for (const token of tokens) out = (out as Record<string, unknown>)[token];
  return out;
}

// A whole `data` map added or removed keeps its keys; anything else becomes the marker.
function mask(value: unknown, pointer: string, marker: string): unknown {
  const isMap = SECRET_VALUE_FIELDS.some((f) => pointer === `/${f}`);
  if (isMap && typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.fromEntries(Object.keys(value).map((k) => [k, marker]));
  return marker;
}
