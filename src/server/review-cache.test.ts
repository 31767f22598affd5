import { describe, expect, it } from 'vitest';
import { hashKey, ReviewCache } from './review-cache.js';

describe('ReviewCache', () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.secret-part';

  it('keys entries by the SHA-256 of the token, never the token', () => {
    const cache = new ReviewCache<string>();
    cache.set(token, 'alice');
    expect(cache.keys()).toEqual([hashKey(token)]);
    expect(cache.keys()[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(cache.keys().join()).not.toContain('secret-part');
  });

  it('answers until the TTL passes, then forgets', () => {
    let now = 1_000;
    const cache = new ReviewCache<string>({ ttlMs: 10_000, now: () => now });
    cache.set(token, 'alice');
    now += 9_999;
    expect(cache.get(token)).toBe('alice');
    now += 1;
    expect(cache.get(token)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('tells tokens apart', () => {
    const cache = new ReviewCache<string>();
    cache.set('a', 'alice');
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new ReviewCache<string>({ maxEntries: 2 });
    cache.set('a', 'alice');
    cache.set('b', 'bob');
    cache.set('c', 'carol');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'bob', 'carol']);
  });

  it('keeps nothing with a TTL of 0', () => {
    const cache = new ReviewCache<string>({ ttlMs: 0 });
    cache.set('a', 'alice');
    expect(cache.size).toBe(0);
  });
});
