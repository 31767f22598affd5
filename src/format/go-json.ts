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

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  // A plain object (not a null-prototype one, which V8 keeps in slow dictionary mode and
  // JSON.stringify serialises slowly); a `__proto__` key is defined, not assigned, so it stays a key.
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    if (key === '__proto__')
      Object.defineProperty(sorted, key, {
        value: sortKeys(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else sorted[key] = sortKeys(child);
  }
  return sorted;
}
