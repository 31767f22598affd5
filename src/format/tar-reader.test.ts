import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capiCluster, namespaceObject, secret } from '../../test/support/format/objects.js';
import { chunkedSource, memorySink } from '../../test/support/format/streams.js';
import { tarball } from '../../test/support/format/tar-builder.js';
import type { KubeObject } from '../model/resource-key.js';
import { type BackupItem, readAllItems, readBackup } from './tar-reader.js';
import { type BackupItemInput, createBackupWriter } from './tar-writer.js';

function summarize(items: BackupItem[]): Array<[string, string, boolean, string]> {
  return items.map((i) => [i.path, i.version, i.preferred, `${i.object.kind} ${i.namespace}/${i.name}`]);
}

describe('reading what the writer wrote', () => {
  const inputs: BackupItemInput[] = [
    { resource: 'secrets', group: '', object: secret('ns1', 's1') },
    { resource: 'namespaces', group: '', object: namespaceObject('ns1') },
    {
      resource: 'clusters',
      group: 'cluster.x-k8s.io',
      object: capiCluster('ns1', 'c1', 'v1beta2'),
      otherVersions: [capiCluster('ns1', 'c1', 'v1beta1')],
    },
  ];

  it.each([1, 7, 512, 64 * 1024])(
    'round-trips every object once when the stream arrives in %i-byte chunks',
    async (chunkSize) => {
      const sink = memorySink();
      const writer = createBackupWriter(sink.stream);
      for (const input of inputs) await writer.add(input);
      await writer.finish();
      const reader = readBackup(chunkedSource(await sink.bytes, chunkSize));
      const items: BackupItem[] = [];
      for await (const item of reader) items.push(item);
      expect(items.map((i) => i.object)).toEqual([
        secret('ns1', 's1'),
        namespaceObject('ns1'),
        capiCluster('ns1', 'c1', 'v1beta2'),
        capiCluster('ns1', 'c1', 'v1beta1'),
      ]);
      expect(summarize(items)).toEqual([
        ['resources/secrets/v1-preferredversion/namespaces/ns1/s1.json', 'v1', true, 'Secret ns1/s1'],
        ['resources/namespaces/v1-preferredversion/cluster/ns1.json', 'v1', true, 'Namespace /ns1'],
        [
          'resources/clusters.cluster.x-k8s.io/v1beta2-preferredversion/namespaces/ns1/c1.json',
          'v1beta2',
          true,
          'Cluster ns1/c1',
        ],
        [
          'resources/clusters.cluster.x-k8s.io/v1beta1/namespaces/ns1/c1.json',
          'v1beta1',
          false,
          'Cluster ns1/c1',
        ],
      ]);
      expect(reader.formatVersion).toBe('1.1.0');
      expect(reader.stats).toEqual({ entries: 8, items: 4, duplicates: 0, ignoredEntries: 0 });
    },
  );
});

describe('de-duplicating the unversioned and preferred copies', () => {
  const s = (name: string): KubeObject => secret('ns1', name);
  const U = (name: string): string => `resources/secrets/namespaces/ns1/${name}.json`;
  const P = (name: string): string => `resources/secrets/v1-preferredversion/namespaces/ns1/${name}.json`;

  it.each<[string, Array<[string, KubeObject]>, string[], number]>([
    [
      'in Velero’s order (unversioned, then preferred)',
      [
        [U('a'), s('a')],
        [P('a'), s('a')],
      ],
      [P('a')],
      0,
    ],
    [
      'in the reverse order',
      [
        [P('a'), s('a')],
        [U('a'), s('a')],
      ],
      [P('a')],
      1,
    ],
    [
      'when the copies are not adjacent',
      [
        [U('a'), s('a')],
        [U('b'), s('b')],
        [P('a'), s('a')],
        [P('b'), s('b')],
      ],
      [U('a'), U('b')],
      2,
    ],
    [
      'when only the unversioned copy exists (format 1)',
      [
        [U('a'), s('a')],
        [U('b'), s('b')],
      ],
      [U('a'), U('b')],
      0,
    ],
    [
      'when a copy appears twice',
      [
        [U('a'), s('a')],
        [U('a'), s('a')],
        [P('a'), s('a')],
      ],
      [U('a')],
      2,
    ],
  ])('yields each item once %s', async (_name, entries, paths, duplicates) => {
    const builder = tarball('1');
    for (const [path, object] of entries) builder.json(path, object);
    const reader = readBackup(chunkedSource(builder.end().toGzip()));
    const items: BackupItem[] = [];
    for await (const item of reader) items.push(item);
    expect(items.map((i) => i.path)).toEqual(paths);
    expect(reader.stats.duplicates).toBe(duplicates);
    expect(reader.formatVersion).toBe('1');
  });

  it('takes the version from the preferred copy’s directory, not from the object', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'x.y.io' },
    };
    const gz = tarball('1.1.0')
      .json('resources/customresourcedefinitions.apiextensions.k8s.io/cluster/x.y.io.json', crd)
      .json(
        'resources/customresourcedefinitions.apiextensions.k8s.io/v1-preferredversion/cluster/x.y.io.json',
        crd,
      )
      .end()
      .toGzip();
    const [item] = await readAllItems(chunkedSource(gz));
    expect(item).toMatchObject({
      version: 'v1',
      preferred: true,
      group: 'apiextensions.k8s.io',
      object: crd,
    });
  });

  it('skips entries outside resources/ and counts them', async () => {
    const gz = tarball('1.1.0').file('extra/notes.txt', 'hi').json(U('a'), s('a')).end().toGzip();
    const reader = readBackup(chunkedSource(gz));
    const items: BackupItem[] = [];
    for await (const item of reader) items.push(item);
    expect(items).toHaveLength(1);
    expect(reader.stats.ignoredEntries).toBe(1);
  });

  it('stops reading and releases the source when the caller breaks early', async () => {
    const gz = tarball('1').json(U('a'), s('a')).json(U('b'), s('b')).json(U('c'), s('c')).end().toGzip();
    const source = chunkedSource(gz, 64);
    const names: string[] = [];
    for await (const item of readBackup(source)) {
      names.push(item.name);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(names).toEqual(['a']);
    expect(source.destroyed).toBe(true);
  });

  it('can be iterated only once', async () => {
    const reader = readBackup(chunkedSource(tarball('1').end().toGzip()));
    for await (const _ of reader) {
    }
    expect(() => reader[Symbol.asyncIterator]()).toThrow('only once');
  });
});

describe('reading an archive made by GNU tar', () => {
  const root = mkdtempSync(join(tmpdir(), 'driftline-format-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // Longer than ustar's 100-byte name field as a path, short enough as a file name to split into prefix + name.
  const longName = `machine-${'y'.repeat(80)}`;
  const objects: Array<[string, KubeObject]> = [
    ['resources/secrets/namespaces/ns1/s1.json', secret('ns1', 's1')],
    ['resources/secrets/v1-preferredversion/namespaces/ns1/s1.json', secret('ns1', 's1')],
    ['resources/secrets/namespaces/ns1/s2.json', secret('ns1', 's2')],
    ['resources/secrets/v1-preferredversion/namespaces/ns1/s2.json', secret('ns1', 's2')],
    ['resources/namespaces/cluster/ns1.json', namespaceObject('ns1')],
    ['resources/namespaces/v1-preferredversion/cluster/ns1.json', namespaceObject('ns1')],
    [`resources/clusters.cluster.x-k8s.io/namespaces/ns1/${longName}.json`, capiCluster('ns1', longName)],
    [
      `resources/clusters.cluster.x-k8s.io/v1beta1-preferredversion/namespaces/ns1/${longName}.json`,
      capiCluster('ns1', longName),
    ],
  ];
  const tree = join(root, 'tree');
  mkdirSync(join(tree, 'metadata'), { recursive: true });
  writeFileSync(join(tree, 'metadata', 'version'), '1\n');
  for (const [path, object] of objects) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), JSON.stringify(object));
  }

  it.each(['gnu', 'pax', 'ustar'])(
    'reads every object once from a %s-format tar -czf archive with directory entries',
    async (format) => {
      const archive = join(root, `${format}.tar.gz`);
      execFileSync('tar', [
        `--format=${format}`,
        '--sort=name',
        '-czf',
        archive,
        '-C',
        tree,
        'metadata',
        'resources',
      ]);
      const reader = readBackup(chunkedSource(readFileSync(archive), 4096));
      const items: BackupItem[] = [];
      for await (const item of reader) items.push(item);
      const byKey = (i: BackupItem): string => `${i.resource}/${i.namespace}/${i.name}`;
      expect(items.map(byKey).sort()).toEqual([
        `clusters/ns1/${longName}`,
        'namespaces//ns1',
        'secrets/ns1/s1',
        'secrets/ns1/s2',
      ]);
      expect(items.find((i) => i.resource === 'clusters')?.object).toEqual(capiCluster('ns1', longName));
      expect(items.every((i) => i.preferred)).toBe(true);
      expect(reader.formatVersion).toBe('1');
    },
  );
});
