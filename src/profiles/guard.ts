/**
 * The flip-flop guard (pure): an object corrected `maxCorrections` times within a window is
 * Contested; correction backs off (doubling) instead of fighting another writer forever.
 */
import type { GuardPolicy } from './types.js';

/** What the guard remembers about one object (epoch milliseconds). */
export interface GuardState {
  /** Recent correction times, oldest first. */
  corrections: number[];
  /** While `now` is before this, correction is held. */
  contestedUntil?: number;
  /** How many times in a row the object was contested; doubles the backoff. */
  level: number;
}

/** The guard's answer for a drifted object. */
export type GuardDecision =
  | { action: 'correct'; reason: string }
  | { action: 'hold'; until: number; newlyContested: boolean; reason: string };

/** A fresh guard state. */
export function emptyGuard(): GuardState {
  return { corrections: [], level: 0 };
}

/** Decides whether a drifted object may be corrected now; returns the updated state too. */
export function guardDecision(
  state: GuardState,
  now: number,
  policy: GuardPolicy,
): { decision: GuardDecision; state: GuardState } {
  const recent = state.corrections.filter((t) => t > now - policy.windowMs);
  if (state.contestedUntil !== undefined && now < state.contestedUntil) {
    const reason = `contested: correction held until ${new Date(state.contestedUntil).toISOString()}`;
    return {
      decision: { action: 'hold', until: state.contestedUntil, newlyContested: false, reason },
      state: { ...state, corrections: recent },
    };
  }
  // After a backoff one probe correction is allowed; drifting again right after it re-contests.
  const threshold = state.level > 0 ? 1 : policy.maxCorrections;
  if (recent.length >= threshold) {
    const until = now + Math.min(policy.backoffMs * 2 ** state.level, policy.maxBackoffMs);
    const reason = `corrected ${recent.length} time(s) within ${Math.round(policy.windowMs / 1000)} s and drifted again: backing off until ${new Date(until).toISOString()}`;
    return {
      decision: { action: 'hold', until, newlyContested: true, reason },
      state: { corrections: [], contestedUntil: until, level: state.level + 1 },
    };
  }
  return {
    decision: { action: 'correct', reason: `${recent.length} correction(s) within the window` },
    state: { ...state, corrections: recent, contestedUntil: undefined },
  };
}

/** Records a correction at `now`. */
export function recordCorrection(state: GuardState, now: number): GuardState {
  return { ...state, corrections: [...state.corrections, now] };
}

/**
 * Called when the object is in sync: after a whole quiet window the contest level resets.
 * Returns the state and whether a contest just ended.
 */
export function settleGuard(
  state: GuardState,
  now: number,
  policy: GuardPolicy,
): { state: GuardState; recovered: boolean } {
  const quiet = state.corrections.every((t) => t <= now - policy.windowMs);
  const held = state.contestedUntil !== undefined && now < state.contestedUntil;
  if (state.level === 0 || !quiet || held) return { state, recovered: false };
  return { state: { corrections: [], level: 0 }, recovered: true };
}
