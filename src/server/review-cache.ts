/** A short-lived cache of review answers, keyed by a hash (of a token: so no token is kept in memory). */
import { createHash } from 'node:crypto';

/** The cache key of a token (or any review's question): its SHA-256, hex. The token itself is never stored. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Options of a review cache. */
export interface ReviewCacheOptions {
  /** How long an answer is reused (default 10 s; kube-apiserver's webhook authenticator uses 2 min). */
  ttlMs?: number;
  /** At most this many entries; the oldest goes first (default 1,000). */
  maxEntries?: number;
  now?: () => number;
}

/** Remembers answers per key (a token, a user and action) for a short TTL. */
export class ReviewCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ReviewCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached value for `question`, unless missing or expired. */
  get(question: string): T | undefined {
    const key = hashKey(question);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` for `question` until the TTL passes. */
  set(question: string, value: T): void {
    if (this.ttlMs <= 0) return;
    const key = hashKey(question);
    this.entries.delete(key);
    // Maps iterate in insertion order, so the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  /** How many entries are held (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** The keys held (for tests: they must not contain tokens). */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
