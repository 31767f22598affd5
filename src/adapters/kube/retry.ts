/** Retry policy for transient API failures: which errors retry, and how long to wait. */
import { KubeError } from './errors.js';

/** How many times to try and how long to wait between tries. */
export interface RetryPolicy {
  /** Total attempts including the first (1 disables retries). */
  maxAttempts: number;
  /** Delay before the second attempt, doubled each time. */
  initialDelayMs: number;
  /** Upper bound on any single delay. */
  maxDelayMs: number;
}

/** The default: 5 attempts, 200 ms doubling to at most 3 s — gives up after about 6 s. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 3000 };

const RETRYABLE = new Set(['kube.unreachable', 'kube.timeout', 'kube.too-many-requests', 'kube.server']);

/** True for failures that may succeed on a later attempt (connection refused, 429, 5xx, timeouts). */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof KubeError)) return false;
  // TLS failures are reported as unreachable but never heal by retrying.
  if (err.message.includes('TLS verification failed')) return false;
  return RETRYABLE.has(err.code);
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): exponential with full jitter
 * so many clients retrying a recovering server do not arrive in lockstep.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Runs `fn`, retrying retryable failures per `policy`; the final error records the attempts made. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isRetryable(err) || attempt >= policy.maxAttempts) {
        if (err instanceof KubeError) err.attempts = attempt;
        throw err;
      }
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
