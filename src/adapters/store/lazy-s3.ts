/** An S3 store whose AWS SDK loads on first use: the SDK costs ~60 MiB and most commands never touch S3. */
import type { Readable } from 'node:stream';
import type { ObjectStore } from './object-store.js';
import type { S3ObjectStore, S3StoreConfig } from './s3-store.js';

/** Creates an S3-backed ObjectStore without loading the SDK until the first call. */
export function lazyS3Store(config: S3StoreConfig): ObjectStore {
  let store: Promise<S3ObjectStore> | undefined;
  const open = (): Promise<S3ObjectStore> => {
    store ??= import('./s3-store.js').then((m) => new m.S3ObjectStore(config));
    return store;
  };
  const prefix = config.prefix ? `${config.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
  return {
    location: `s3://${config.bucket}/${prefix}`,
    put: async (key: string, body: Buffer | string | Readable) => (await open()).put(key, body),
    get: async (key: string) => (await open()).get(key),
    getBuffer: async (key: string) => (await open()).getBuffer(key),
    exists: async (key: string) => (await open()).exists(key),
    async *list(prefixKey: string) {
      yield* (await open()).list(prefixKey);
    },
    listDirs: async (prefixKey: string) => (await open()).listDirs(prefixKey),
    delete: async (key: string) => (await open()).delete(key),
  };
}
