/** The object-store interface both backends (local directory, S3) implement. */
import type { Readable } from 'node:stream';
import { DriftlineError } from '../../common/errors.js';

/** A flat key/value store with `/`-separated keys, like an S3 bucket under a prefix. */
export interface ObjectStore {
  /** Human description for messages, e.g. `s3://bucket/prefix` or `/var/backups`. */
  readonly location: string;
  /** Writes `body` at `key`; the object appears whole or not at all. */
  put(key: string, body: Buffer | string | Readable): Promise<void>;
  /** Opens `key` for streaming; fails with `store.not-found` when absent. */
  get(key: string): Promise<Readable>;
  /** Reads `key` whole (for small metadata files). */
  getBuffer(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Lists keys under `prefix` (recursive), in lexical order. */
  list(prefix: string): AsyncGenerator<string>;
  /** Lists the immediate "directories" under `prefix` (keys ending in `/` stripped). */
  listDirs(prefix: string): Promise<string[]>;
  /** Deletes `key`; absent keys are not an error. */
  delete(key: string): Promise<void>;
}

/** Error codes for store failures. */
export type StoreErrorCode =
  | 'store.not-found'
  | 'store.unreachable'
  | 'store.auth'
  | 'store.invalid-key'
  | 'store.io'
  | 'store.config';

/** A store failure naming the store and key, never credentials. */
export class StoreError extends DriftlineError {
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Rejects keys that could escape the store root or are not plain relative paths. */
export function assertSafeKey(key: string): void {
  const parts = key.split('/');
  if (
    key === '' ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    parts.some((p) => p === '..' || p === '.')
  ) {
    throw new StoreError('store.invalid-key', `refusing unsafe object key ${JSON.stringify(key)}`);
  }
}

/** Reads `key` whole, or resolves undefined when it does not exist: one request, no exists-then-get. */
export async function readIfPresent(store: ObjectStore, key: string): Promise<Buffer | undefined> {
  try {
    return await store.getBuffer(key);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'store.not-found') return undefined;
    throw err;
  }
}
