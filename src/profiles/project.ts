/**
 * Projection of a live object onto the shape of its desired object (pure): only the fields the
 * profile sets survive, so server defaults and other managers' fields are never drift.
 */
import { isNamedList } from '../diff/index.js';
import { sameQuantity } from './quantity.js';

type Json = Record<string, unknown>;

// Maps whose values the API server rewrites to canonical quantities ("0.5" → "500m").
const QUANTITY_MAPS = new Set([
  'limits',
  'requests',
  'hard',
  'capacity',
  'default',
  'defaultRequest',
  'max',
  'min',
]);

/**
 * Returns `live` restricted to the keys `desired` sets. Named lists (elements with a unique
 * `name`) keep only the desired names, in desired order, so paths index like the desired list;
 * other lists stay whole (they are atomic for drift). A missing key whose desired value is empty or
 * a zero value (`{}`, `[]`, `null`, `false`, `0`, `""`) counts as equal: the server omits those.
 */
export function projectLive(desired: unknown, live: unknown, key = '', container = ''): unknown {
  if (isObject(desired) && isObject(live)) return projectObject(desired, live, key);
  if (Array.isArray(desired) && Array.isArray(live)) return projectArray(desired, live);
  if (typeof desired === 'string' && typeof live === 'string' && QUANTITY_MAPS.has(container))
    return sameQuantity(desired, live) ? desired : live;
  return live;
}

function projectObject(desired: Json, live: Json, self: string): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(desired)) {
    if (key in live) out[key] = projectLive(value, live[key], key, self);
    else if (isOmittable(value)) out[key] = value;
  }
  return out;
}

function projectArray(desired: unknown[], live: unknown[]): unknown[] {
  if (desired.length > 0 && isNamedList(desired) && isNamedList(live)) {
    const byName = new Map(live.map((e) => [e.name as string, e]));
    return desired.flatMap((d) => {
      const match = byName.get(d.name as string);
      return match ? [projectLive(d, match)] : [];
    });
  }
  return live.map((l, i) => (i < desired.length ? projectLive(desired[i], l) : l));
}

/** True for values Go's `omitempty` drops, so their absence in live is not drift. */
export function isOmittable(value: unknown): boolean {
  if (value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
