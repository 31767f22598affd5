/** Bounded concurrency that stops starting new work after the first failure (a crash stops the run). */

/**
 * Maps `items` through `fn` with at most `limit` in flight, in input order. Unlike a plain pool,
 * the first rejection stops new work from starting (a crash stops the run), then it is thrown
 * once the calls already in flight have settled.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (err) {
        if (!failed) failure = err;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failure;
  return results;
}
