import { describe, expect, it } from 'vitest';
import { KubeError } from './errors.js';
import { backoffDelay, isRetryable, withRetry } from './retry.js';

describe('isRetryable', () => {
  it.each([
    ['connection refused', new KubeError('kube.unreachable', 'x: cannot reach API server'), true],
    ['a timeout', new KubeError('kube.timeout', 'x'), true],
    ['429 too many requests', new KubeError('kube.too-many-requests', 'x', { status: 429 }), true],
    ['a 5xx', new KubeError('kube.server', 'x', { status: 503 }), true],
    ['a TLS failure', new KubeError('kube.unreachable', 'TLS verification failed for API server'), false],
    ['a 404', new KubeError('kube.not-found', 'x', { status: 404 }), false],
    ['a 401', new KubeError('kube.unauthorized', 'x', { status: 401 }), false],
    ['a conflict', new KubeError('kube.conflict', 'x', { status: 409 }), false],
    ['a plain error', new Error('boom'), false],
  ])('%s → %s', (_name, err, expected) => {
    expect(isRetryable(err)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000 };
  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [5, 500, 1000],
    [9, 500, 1000],
  ])('attempt %i waits between %i and %i ms', (attempt, min, max) => {
    expect(backoffDelay(policy, attempt, () => 0)).toBe(min);
    expect(backoffDelay(policy, attempt, () => 1)).toBe(max);
  });
});

describe('withRetry', () => {
  it('retries transient failures and records the attempts when it gives up', async () => {
    let calls = 0;
    const slept: number[] = [];
    const err = await withRetry(
      async () => {
        calls++;
        throw new KubeError('kube.unreachable', 'down');
      },
      { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100 },
      async (ms) => {
        slept.push(ms);
      },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(slept).toHaveLength(2);
    expect(err).toMatchObject({ code: 'kube.unreachable', attempts: 3 });
  });

  it('returns the first success after a transient failure', async () => {
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 2) throw new KubeError('kube.server', 'busy', { status: 503 });
        return 'ok';
      },
      undefined,
      async () => undefined,
    );
    expect([value, calls]).toEqual(['ok', 2]);
  });

  it('does not retry permanent failures', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new KubeError('kube.forbidden', 'no', { status: 403 });
      }),
    ).rejects.toMatchObject({ code: 'kube.forbidden', attempts: 1 });
    expect(calls).toBe(1);
  });
});
