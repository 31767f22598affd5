/** Kubernetes resource quantities ("500m", "0.5", "1Gi"): the server rewrites them to canonical form (pure). */

const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** The numeric value of a quantity string, or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return Number(`${m[1]}${m[2]}`);
  return base * (SUFFIXES[m[3] ?? '']! ?? 1);
}

/** True when two different strings are the same quantity written two ways ("0.5" and "500m"). */
export function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  if (!/\d/.test(a) || !/\d/.test(b)) return false;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return false;
  return Math.abs(x - y) <= Math.abs(x) * 1e-12;
}
