// Both backup-store backends behave the same: a local directory and a real S3 server (s3rver).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsObjectStore, type ObjectStore, StoreError } from '../../src/adapters/store/index.js';
import { S3ObjectStore } from '../../src/adapters/store/s3-store.js';
import { type S3Server, startS3Server } from '../env/s3.js';

let s3: S3Server;
let s3tls: S3Server;
let credentialsFile: string;

beforeAll(async () => {
  [s3, s3tls] = await Promise.all([
    startS3Server({ buckets: ['velero'] }),
    startS3Server({ buckets: ['velero'], tls: true }),
  ]);
  credentialsFile = join(mkdtempSync(join(tmpdir(), 'creds-')), 'credentials-velero');
  // Velero's --secret-file format: an AWS shared-credentials file.
  writeFileSync(
    credentialsFile,
    `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n[tls]\naws_access_key_id=${s3tls.accessKeyId}\naws_secret_access_key=${s3tls.secretAccessKey}\n`,
  );
});
afterAll(async () => {
  await Promise.all([s3?.stop(), s3tls?.stop()]);
});

const backends: [string, () => ObjectStore][] = [
  ['a local directory', () => new FsObjectStore(mkdtempSync(join(tmpdir(), 'store-')))],
  [
    'S3 with a prefix',
    () =>
      new S3ObjectStore({
        bucket: 'velero',
        prefix: `p${Date.now()}`,
        endpoint: s3.endpoint,
        credentialsFile,
      }),
  ],
  [
    'S3 over TLS with a custom CA',
    () =>
      new S3ObjectStore({
        bucket: 'velero',
        endpoint: s3tls.endpoint,
        credentialsFile,
        profile: 'tls',
        caCertFile: s3tls.caFile,
      }),
  ],
];

describe.each(backends)('%s', (_name, make) => {
  it('writes, lists, reads back and deletes objects under the Velero layout', async () => {
    const store = make();
    await store.put('backups/b1/velero-backup.json', '{"kind":"Backup"}');
    await store.put('backups/b1/b1.tar.gz', Readable.from([Buffer.alloc(6 * 1024 * 1024, 7)]));
    await store.put('backups/b2/velero-backup.json', '{}');
    await store.put('restores/r1/restore-r1-results.gz', Buffer.from([1, 2, 3]));

    expect(await store.listDirs('backups/')).toEqual(['b1', 'b2']);
    const keys: string[] = [];
    for await (const k of store.list('backups/b1/')) keys.push(k);
    expect(keys).toEqual(['backups/b1/b1.tar.gz', 'backups/b1/velero-backup.json']);
    expect((await store.getBuffer('backups/b1/velero-backup.json')).toString()).toBe('{"kind":"Backup"}');
    expect((await store.getBuffer('backups/b1/b1.tar.gz')).length).toBe(6 * 1024 * 1024);
    expect(await store.exists('backups/b2/velero-backup.json')).toBe(true);

    await store.delete('backups/b2/velero-backup.json');
    expect(await store.exists('backups/b2/velero-backup.json')).toBe(false);
    // Like a bucket: nothing under b2/ means no b2 at all.
    expect(await store.listDirs('backups/')).toEqual(['b1']);
    await expect(store.getBuffer('backups/b2/velero-backup.json')).rejects.toMatchObject({
      code: 'store.not-found',
    });
  });

  it('leaves nothing behind when the data being written fails, and keeps what was there', async () => {
    const store = make();
    await store.put('backups/kept/velero-backup.json', '{}');
    const failing = (): Readable =>
      new Readable({
        read() {
          this.destroy(new Error('the cluster went away'));
        },
      });
    await expect(store.put('backups/failed/failed.tar.gz', failing())).rejects.toThrow();
    await expect(store.put('backups/kept/velero-backup.json', failing())).rejects.toThrow();
    const dirs = await store.listDirs('backups/');
    expect(dirs).toContain('kept');
    expect(dirs).not.toContain('failed');
    expect((await store.getBuffer('backups/kept/velero-backup.json')).toString()).toBe('{}');
  });

  it.each(['../escape', '/abs/key', 'backups/../../x', 'a/./b'])('refuses the unsafe key %s', async (key) => {
    await expect(make().put(key, 'x')).rejects.toBeInstanceOf(StoreError);
  });
});

describe('S3 failures', () => {
  it('reports wrong credentials as store.auth without the secret', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'creds-')), 'bad');
    writeFileSync(bad, '[default]\naws_access_key_id=nobody\naws_secret_access_key=not-the-secret-value\n');
    const store = new S3ObjectStore({ bucket: 'velero', endpoint: s3.endpoint, credentialsFile: bad });
    const err = await store.put('backups/x/y', 'z').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store.auth' });
    expect((err as Error).message).not.toContain('not-the-secret-value');
  });

  it('verifies TLS: an untrusted certificate is refused', async () => {
    const store = new S3ObjectStore({
      bucket: 'velero',
      endpoint: s3tls.endpoint,
      credentialsFile,
      profile: 'tls',
    });
    await expect(store.put('k', 'v')).rejects.toMatchObject({ code: 'store.unreachable' });
  });

  it('reports an unreachable endpoint clearly', async () => {
    const store = new S3ObjectStore({ bucket: 'velero', endpoint: 'http://127.0.0.1:9', credentialsFile });
    await expect(store.exists('k')).rejects.toMatchObject({ code: 'store.unreachable' });
  });
});
