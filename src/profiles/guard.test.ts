import { describe, expect, it } from 'vitest';
import { emptyGuard, type GuardState, guardDecision, recordCorrection, settleGuard } from './guard.js';
import type { GuardPolicy } from './types.js';

const policy: GuardPolicy = { maxCorrections: 3, windowMs: 60_000, backoffMs: 10_000, maxBackoffMs: 25_000 };

// Simulates a second writer reverting every correction: each step is one drift seen at time t.
function fight(times: number[], start: GuardState = emptyGuard()): string[] {
  let state = start;
  return times.map((t) => {
    const { decision, state: next } = guardDecision(state, t, policy);
    state = decision.action === 'correct' ? recordCorrection(next, t) : next;
    return decision.action === 'hold' ? (decision.newlyContested ? 'contest' : 'hold') : 'correct';
  });
}

describe('guardDecision', () => {
  const cases: [string, number[], string[]][] = [
    ['corrects occasional drift', [0, 70_000, 140_000], ['correct', 'correct', 'correct']],
    [
      'contests the drift after maxCorrections within the window',
      [0, 1000, 2000, 3000],
      ['correct', 'correct', 'correct', 'contest'],
    ],
    [
      'holds while the backoff lasts',
      [0, 1000, 2000, 3000, 5000],
      ['correct', 'correct', 'correct', 'contest', 'hold'],
    ],
    [
      'probes once after the backoff and re-contests with a doubled backoff',
      [0, 1000, 2000, 3000, 13_001, 14_000, 33_000, 34_001],
      ['correct', 'correct', 'correct', 'contest', 'correct', 'contest', 'hold', 'correct'],
    ],
  ];
  it.each(cases)('%s', (_name, times, expected) => {
    expect(fight(times)).toEqual(expected);
  });

  it('caps the backoff at maxBackoffMs', () => {
    const { decision } = guardDecision({ corrections: [0], level: 5 }, 1, policy);
    expect(decision).toMatchObject({ action: 'hold', until: 1 + 25_000 });
  });
});

describe('settleGuard', () => {
  const cases: [string, GuardState, number, boolean][] = [
    ['does nothing for an object never contested', { corrections: [0], level: 0 }, 100_000, false],
    ['resets the level after a quiet window', { corrections: [0], level: 2 }, 61_000, true],
    ['keeps the level while corrections are recent', { corrections: [50_000], level: 2 }, 61_000, false],
    [
      'keeps the level while still held',
      { corrections: [], level: 1, contestedUntil: 90_000 },
      61_000,
      false,
    ],
  ];
  it.each(cases)('%s', (_name, state, now, recovered) => {
    expect(settleGuard(state, now, policy).recovered).toBe(recovered);
  });
});
