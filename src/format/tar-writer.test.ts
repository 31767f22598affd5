import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { capiCluster, namespaceObject, secret } from '../../test/support/format/objects.js';
import { memorySink } from '../../test/support/format/streams.js';
import type { KubeObject } from '../model/resource-key.js';
import { type BackupItemInput, createBackupWriter } from './tar-writer.js';

const MTIME = new Date('2024-05-01T12:00:00Z');

// The writer lets gzip queue up to 4 MiB; an item beyond that must wait for the output.
const biggerThanGzipQueue = (): KubeObject => ({
  ...secret('ns1', 'big'),
  data: { value: randomBytes(5 * 1024 * 1024).toString('base64') },
});

async function writeArchive(items: BackupItemInput[]): Promise<Buffer> {
  const sink = memorySink();
  const writer = createBackupWriter(sink.stream, { mtime: MTIME });
  for (const item of items) await writer.add(item);
  await writer.finish();
  return sink.bytes;
}

/** Lists entries with GNU tar, an independent reader: `[type+mode, path]` in archive order. */
function gnuTarList(gz: Buffer): Array<[string, string]> {
  const out = execFileSync('tar', ['-tvzf', '-'], { input: gz, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const fields = line.split(/\s+/);
      return [fields[0] ?? '', fields.slice(5).join(' ')];
    });
}

const basicItems: BackupItemInput[] = [
  { resource: 'secrets', group: '', preferredVersion: 'v1', object: secret('ns1', 's1') },
  { resource: 'namespaces', group: '', object: namespaceObject('ns1') },
  {
    resource: 'clusters',
    group: 'cluster.x-k8s.io',
    preferredVersion: 'v1beta1',
    object: capiCluster('ns1', 'c1'),
  },
];

describe('backup writer', () => {
  it('writes exactly Velero’s entry paths, in order, as regular files with mode 0755', async () => {
    const list = gnuTarList(await writeArchive(basicItems));
    expect(list).toEqual([
      ['-rwxr-xr-x', 'metadata/version'],
      ['-rwxr-xr-x', 'resources/secrets/namespaces/ns1/s1.json'],
      ['-rwxr-xr-x', 'resources/secrets/v1-preferredversion/namespaces/ns1/s1.json'],
      ['-rwxr-xr-x', 'resources/namespaces/cluster/ns1.json'],
      ['-rwxr-xr-x', 'resources/namespaces/v1-preferredversion/cluster/ns1.json'],
      ['-rwxr-xr-x', 'resources/clusters.cluster.x-k8s.io/namespaces/ns1/c1.json'],
      ['-rwxr-xr-x', 'resources/clusters.cluster.x-k8s.io/v1beta1-preferredversion/namespaces/ns1/c1.json'],
    ]);
  });

  it('starts with metadata/version holding 1.1.0 and ends with two zero blocks', async () => {
    const tar = gunzipSync(await writeArchive([]));
    expect(tar.toString('latin1', 0, 16)).toBe('metadata/version');
    expect(tar.toString('latin1', 512, 518)).toBe('1.1.0\n');
    expect(tar.length).toBe(512 * 4);
    expect(tar.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it('stores each item as Go would marshal it: sorted keys, compact', async () => {
    const tar = gunzipSync(await writeArchive([basicItems[0]!]));
    const body = tar.toString('utf8', 512 * 3, 512 * 3 + 200).replace(/\0+$/, '');
    expect(body).toBe(
      '{"apiVersion":"v1","data":{"value":"aGk="},"kind":"Secret","metadata":{"name":"s1","namespace":"ns1"},"type":"Opaque"}',
    );
  });

  it('writes other versions under <version>/ after the preferred copies', async () => {
    const list = gnuTarList(
      await writeArchive([
        {
          resource: 'clusters',
          group: 'cluster.x-k8s.io',
          object: capiCluster('ns1', 'c1', 'v1beta2'),
          otherVersions: [capiCluster('ns1', 'c1', 'v1beta1')],
        },
      ]),
    ).map(([, path]) => path);
    expect(list.slice(1)).toEqual([
      'resources/clusters.cluster.x-k8s.io/namespaces/ns1/c1.json',
      'resources/clusters.cluster.x-k8s.io/v1beta2-preferredversion/namespaces/ns1/c1.json',
      'resources/clusters.cluster.x-k8s.io/v1beta1/namespaces/ns1/c1.json',
    ]);
  });

  it('uses a PAX header for paths ustar cannot hold, which GNU tar reads back', async () => {
    const name = `m-${'x'.repeat(200)}`;
    const object: KubeObject = { ...secret('ns1', name) };
    const list = gnuTarList(await writeArchive([{ resource: 'secrets', group: '', object }]));
    expect(list.map(([, path]) => path).slice(1)).toEqual([
      `resources/secrets/namespaces/ns1/${name}.json`,
      `resources/secrets/v1-preferredversion/namespaces/ns1/${name}.json`,
    ]);
  });

  it('produces identical bytes for identical input', async () => {
    expect((await writeArchive(basicItems)).equals(await writeArchive(basicItems))).toBe(true);
  });

  it('returns counts and the resource list', async () => {
    const sink = memorySink();
    const writer = createBackupWriter(sink.stream, { mtime: MTIME });
    for (const item of basicItems) await writer.add(item);
    await writer.add({ resource: 'secrets', group: '', object: secret('ns0', 'a') });
    const summary = await writer.finish();
    expect(summary).toMatchObject({ items: 4, entries: 9 });
    expect(summary.tarBytes).toBe(gunzipSync(await sink.bytes).length);
    expect(summary.resourceList).toEqual({
      'cluster.x-k8s.io/v1beta1/Cluster': ['ns1/c1'],
      'v1/Namespace': ['ns1'],
      'v1/Secret': ['ns0/a', 'ns1/s1'],
    });
  });

  it.each<[string, BackupItemInput, string]>([
    [
      'a group that disagrees with apiVersion',
      { resource: 'secrets', group: 'apps', object: secret('a', 'b') },
      'not "apps"',
    ],
    [
      'a preferred version the object is not in',
      { resource: 'secrets', group: '', preferredVersion: 'v2', object: secret('a', 'b') },
      'preferred version is v2',
    ],
    [
      'an object without a name',
      {
        resource: 'secrets',
        group: '',
        object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: '' } },
      },
      'metadata.name',
    ],
    [
      'a name that would escape the archive',
      { resource: 'secrets', group: '', object: secret('a', '../../etc') },
      'invalid object name',
    ],
    [
      'an "other version" of a different object',
      { resource: 'secrets', group: '', object: secret('a', 'b'), otherVersions: [secret('a', 'c')] },
      'not another version',
    ],
  ])('rejects %s before writing any copy', async (_name, item, message) => {
    const sink = memorySink();
    const writer = createBackupWriter(sink.stream, { mtime: MTIME });
    await expect(writer.add(item)).rejects.toThrow(message);
    expect((await writer.finish()).entries).toBe(1);
  });

  it('refuses an add while the previous one waits for the output, and adds after finish', async () => {
    const pending: Array<() => void> = [];
    const slow = new Writable({ highWaterMark: 1024, write: (_chunk, _enc, done) => pending.push(done) });
    const writer = createBackupWriter(slow, { compressionLevel: 0 });
    const big = { ...secret('ns1', 'big'), data: { value: randomBytes(256 * 1024).toString('base64') } };
    const first = writer.add({ resource: 'secrets', group: '', object: big });
    await expect(writer.add(basicItems[1]!)).rejects.toMatchObject({ code: 'format.misuse' });
    const release = setInterval(() => {
      for (const done of pending.splice(0)) done();
    }, 1);
    await first;
    await writer.finish();
    clearInterval(release);
    await expect(writer.add(basicItems[1]!)).rejects.toMatchObject({ code: 'format.misuse' });
  });

  it('waits for a slow output to drain before add resolves', async () => {
    const pending: Array<() => void> = [];
    const slow = new Writable({ highWaterMark: 1024, write: (_chunk, _enc, done) => pending.push(done) });
    const writer = createBackupWriter(slow, { compressionLevel: 0 });
    const big = biggerThanGzipQueue();
    let resolved = false;
    const adding = writer.add({ resource: 'secrets', group: '', object: big }).then(() => {
      resolved = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(resolved).toBe(false);
    const release = setInterval(() => {
      for (const done of pending.splice(0)) done();
    }, 1);
    await adding;
    const finishing = writer.finish();
    await finishing;
    clearInterval(release);
    expect(resolved).toBe(true);
  });

  it('rejects a pending add when the writer is aborted', async () => {
    const stuck = new Writable({ highWaterMark: 1024, write: () => {} });
    const writer = createBackupWriter(stuck, { compressionLevel: 0 });
    const big = biggerThanGzipQueue();
    const adding = writer.add({ resource: 'secrets', group: '', object: big });
    setTimeout(() => writer.abort(new Error('cancelled')), 10);
    await expect(adding).rejects.toThrow('cancelled');
    await expect(writer.finish()).rejects.toMatchObject({ code: 'format.misuse' });
  });

  it('rejects add when the output fails', async () => {
    const failing = new Writable({ write: (_c, _e, done) => done(new Error('disk full')) });
    const writer = createBackupWriter(failing, { compressionLevel: 0 });
    const big = { ...secret('ns1', 'big'), data: { value: randomBytes(256 * 1024).toString('base64') } };
    await expect(
      (async () => {
        for (let i = 0; i < 10; i++)
          await writer.add({
            resource: 'secrets',
            group: '',
            object: { ...big, metadata: { name: `b${i}`, namespace: 'ns1' } },
          });
        await writer.finish();
      })(),
    ).rejects.toThrow('disk full');
  });
});
