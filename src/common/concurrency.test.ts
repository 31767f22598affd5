/** Tests of the one bounded pool: order, limit, and its one failure rule. */
import { describe, expect, it } from 'vitest';
import { mapLimit } from './concurrency.js';

describe('bounded concurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect([out, most]).toEqual([[50, 10, 40, 20, 30], 2]);
  });

  it('starts nothing new after a failure, like a crash, then throws it', async () => {
    const started: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setTimeout(r, 1));
      if (n === 2) throw new Error('boom');
      return n;
    });
    await expect(run).rejects.toThrow('boom');
    expect(started.length).toBeLessThanOrEqual(3);
  });
});
