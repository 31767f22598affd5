/** JSON encoding as Go's encoding/json writes maps: sorted keys, compact, HTML-safe escapes. */

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Encodes like Go's `json.Marshal(map[string]interface{})`, which is how Velero stores items: object
 * keys sorted, no whitespace, `<`, `>`, `&`, U+2028 and U+2029 escaped. Same object, same bytes.
 */
export function encodeGoJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

// Returns `value` itself when it is already in Go's order (most small nested maps from the API
// server are: labels, data, managedFields' fieldsV1), so only out-of-order objects are copied.
function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return sortArray(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  return isSorted(keys) ? sortChildren(object, keys) : sortedCopy(object, keys.sort());
}

function sortArray(array: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const sorted = sortKeys(array[i]);
    if (sorted !== array[i] && !copy) copy = array.slice(0, i);
    copy?.push(sorted);
  }
  return copy ?? array;
}

// Keys already sorted: copy only once a child changed or an undefined field must be dropped;
// the children before it are unchanged and are reused as they are.
function sortChildren(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = object[key];
    const sorted = child === undefined ? undefined : sortKeys(child);
    if (!copy && (child === undefined || sorted !== child)) {
      copy = {};
      for (let j = 0; j < i; j++) setKey(copy, keys[j]!, object[keys[j]!]);
    }
    if (copy && sorted !== undefined) setKey(copy, key, sorted);
  }
  return copy ?? object;
}

function sortedCopy(object: Record<string, unknown>, sortedKeys: string[]): Record<string, unknown> {
  // A plain object (not a null-prototype one, which V8 keeps in slow dictionary mode and
  // JSON.stringify serialises slowly).
  const sorted: Record<string, unknown> = {};
  for (const key of sortedKeys) {
    const child = object[key];
    if (child !== undefined) setKey(sorted, key, sortKeys(child));
  }
  return sorted;
}

// A `__proto__` key is defined, not assigned, so it stays a key instead of setting the prototype.
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}
