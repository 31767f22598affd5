import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { secret } from '../../test/support/format/objects.js';
import { chunkedSource } from '../../test/support/format/streams.js';
import { tarball } from '../../test/support/format/tar-builder.js';
import { FormatError, type FormatErrorCode } from './errors.js';
import { type ReadBackupOptions, readAllItems, readBackup } from './tar-reader.js';

const GiB = 1024 ** 3;
const ITEM = 'resources/secrets/namespaces/ns1/s1.json';
const BIG = 'resources/secrets/namespaces/ns1/big.json';
const good = (): ReturnType<typeof tarball> => tarball('1.1.0').json(ITEM, secret('ns1', 's1'));

// Incompressible data makes the gzip cut land inside the big item's body.
function cutGzip(): Buffer {
  const big = { ...secret('ns1', 'big'), data: { value: randomBytes(32 * 1024).toString('base64') } };
  const gz = good().json(BIG, big).end().toGzip();
  return gz.subarray(0, gz.length - 8 * 1024);
}

async function readError(gz: Buffer, options?: ReadBackupOptions): Promise<FormatError> {
  try {
    await readAllItems(chunkedSource(gz, 300), options);
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error('expected the archive to be rejected');
}

type Case = [string, () => Buffer, FormatErrorCode, string | undefined, ReadBackupOptions?];

const cases: Case[] = [
  ['a gzip file cut inside an item', () => cutGzip(), 'format.truncated', BIG],
  ['input that is not gzip at all', () => Buffer.from('this is not a tarball'), 'format.corrupt', undefined],
  ['a tar with no end-of-archive marker', () => good().toGzip(), 'format.truncated', undefined],
  [
    'a tar that ends inside an item body',
    () =>
      gzipSync(
        good()
          .toTar()
          .subarray(0, 1024 + 600),
      ),
    'format.truncated',
    ITEM,
  ],
  [
    'a tar that ends inside a header',
    () =>
      gzipSync(
        good()
          .toTar()
          .subarray(0, 1024 + 100),
      ),
    'format.truncated',
    undefined,
  ],
  [
    'a header with a bad checksum',
    () => good().entry({ path: 'resources/x', corruptByte: 130 }).end().toGzip(),
    'format.corrupt',
    'resources/x',
  ],
  [
    'a path climbing out with ../',
    () => good().file('../../etc/cron.d/x', 'x').end().toGzip(),
    'format.unsafe-path',
    '../../etc/cron.d/x',
  ],
  [
    'a path climbing out from inside resources/',
    () => good().file('resources/../../x.json', '{}').end().toGzip(),
    'format.unsafe-path',
    'resources/../../x.json',
  ],
  [
    'an absolute path',
    () => good().file('/etc/passwd', 'x').end().toGzip(),
    'format.unsafe-path',
    '/etc/passwd',
  ],
  [
    'a Windows drive path',
    () => good().file('C:/x.json', 'x').end().toGzip(),
    'format.unsafe-path',
    'C:/x.json',
  ],
  [
    'a backslash path',
    () => good().file('resources\\..\\x', 'x').end().toGzip(),
    'format.unsafe-path',
    'resources\\..\\x',
  ],
  [
    'an unsafe path hidden in a PAX header',
    () => good().paxFile('../escape.json', '{}').end().toGzip(),
    'format.unsafe-path',
    '../escape.json',
  ],
  [
    'an unsafe path hidden in a GNU long name',
    () =>
      good()
        .gnuLongNameFile(`/${'a/'.repeat(60)}x.json`, '{}')
        .end()
        .toGzip(),
    'format.unsafe-path',
    `/${'a/'.repeat(60)}x.json`,
  ],
  [
    'an unsafe directory entry',
    () => good().entry({ path: '../d/', typeflag: '5' }).end().toGzip(),
    'format.unsafe-path',
    '../d/',
  ],
  [
    'a symlink',
    () => good().entry({ path: 'resources/link', typeflag: '2', linkname: '/etc/passwd' }).end().toGzip(),
    'format.not-regular-file',
    'resources/link',
  ],
  [
    'a hard link',
    () => good().entry({ path: 'resources/hard', typeflag: '1', linkname: ITEM }).end().toGzip(),
    'format.not-regular-file',
    'resources/hard',
  ],
  [
    'a character device',
    () => good().entry({ path: 'dev/null', typeflag: '3' }).end().toGzip(),
    'format.not-regular-file',
    'dev/null',
  ],
  [
    'a block device',
    () => good().entry({ path: 'dev/sda', typeflag: '4' }).end().toGzip(),
    'format.not-regular-file',
    'dev/sda',
  ],
  [
    'a fifo',
    () => good().entry({ path: 'fifo', typeflag: '6' }).end().toGzip(),
    'format.not-regular-file',
    'fifo',
  ],
  [
    'an unknown entry type',
    () => good().entry({ path: 'vol', typeflag: 'V' }).end().toGzip(),
    'format.not-regular-file',
    'vol',
  ],
  [
    'a GNU sparse file',
    () => good().paxFile('resources/s.json', '{}', { 'GNU.sparse.major': '1' }).end().toGzip(),
    'format.not-regular-file',
    'resources/s.json',
  ],
  [
    'an item that is not JSON',
    () => tarball('1.1.0').file(ITEM, '{"apiVersion": "v1",').end().toGzip(),
    'format.invalid-json',
    ITEM,
  ],
  [
    'an item that is JSON but not an object',
    () => tarball('1.1.0').json(ITEM, [1, 2]).end().toGzip(),
    'format.invalid-item',
    ITEM,
  ],
  [
    'an item whose namespace disagrees with its path',
    () => tarball('1.1.0').json(ITEM, secret('ns2', 's1')).end().toGzip(),
    'format.path-mismatch',
    ITEM,
  ],
  [
    'an item whose name disagrees with its path',
    () => tarball('1.1.0').json(ITEM, secret('ns1', 'other')).end().toGzip(),
    'format.path-mismatch',
    ITEM,
  ],
  [
    'a cluster-scoped path holding a namespaced object',
    () => tarball('1.1.0').json('resources/secrets/cluster/s1.json', secret('ns1', 's1')).end().toGzip(),
    'format.path-mismatch',
    'resources/secrets/cluster/s1.json',
  ],
  [
    'an item whose group disagrees with its path',
    () =>
      tarball('1.1.0')
        .json('resources/secrets.apps/namespaces/ns1/s1.json', secret('ns1', 's1'))
        .end()
        .toGzip(),
    'format.path-mismatch',
    'resources/secrets.apps/namespaces/ns1/s1.json',
  ],
  [
    'a file under resources/ that is not an item path',
    () => tarball('1.1.0').file('resources/secrets/s1.json', '{}').end().toGzip(),
    'format.invalid-path',
    'resources/secrets/s1.json',
  ],
  [
    'a header declaring 2 GiB followed by a truncated stream',
    () =>
      good()
        .entry({ path: ITEM, declaredSize: 2 * GiB, body: '{"a":' })
        .toGzip(),
    'format.entry-too-large',
    ITEM,
  ],
  [
    'an item over a configured limit',
    () => good().end().toGzip(),
    'format.entry-too-large',
    ITEM,
    { maxEntryBytes: 50 },
  ],
  [
    'a PAX header declaring 2 GiB',
    () =>
      good()
        .entry({ path: 'PaxHeaders/x', typeflag: 'x', declaredSize: 2 * GiB })
        .toGzip(),
    'format.entry-too-large',
    'PaxHeaders/x',
  ],
  [
    'an unknown format version',
    () => tarball('2.0.0').end().toGzip(),
    'format.unknown-version',
    'metadata/version',
  ],
  [
    'a missing metadata/version',
    () => tarball().json(ITEM, secret('ns1', 's1')).end().toGzip(),
    'format.missing-version',
    'metadata/version',
  ],
];

describe('hostile and broken archives', () => {
  it.each(cases)('rejects %s', async (_name, build, code, entry, options) => {
    const err = await readError(build(), options);
    expect(err.code).toBe(code);
    expect(err.entry).toBe(entry);
    if (entry !== undefined) expect(err.message).toContain(JSON.stringify(entry));
  });

  it('never buffers a 2 GiB entry even when the limit allows it, and reports the truncation', async () => {
    const gz = good()
      .entry({ path: ITEM, declaredSize: 2 * GiB, body: '{"a":' })
      .toGzip();
    const before = process.memoryUsage().arrayBuffers;
    const err = await readError(gz, { maxEntryBytes: 4 * GiB });
    expect(err.code).toBe('format.truncated');
    expect(err.message).toContain('5 of 2147483648 bytes');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('yields the good items before the broken one', async () => {
    const gz = good().file('../x', 'x').end().toGzip();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of readBackup(chunkedSource(gz))) seen.push(item.name);
      })(),
    ).rejects.toMatchObject({ code: 'format.unsafe-path' });
    expect(seen).toEqual(['s1']);
  });
});
