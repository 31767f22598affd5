/** The one bounded worker pool: run async work over many items without flooding a server. */

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep input order.
 * One failure rule everywhere: the first rejection stops new work from starting (a crash stops
 * the run), and it is thrown once the calls already in flight have settled, so nothing keeps
 * writing behind the caller's back. Callers that want to go on after a per-item failure catch it
 * inside `fn` and return it as a result.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
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
