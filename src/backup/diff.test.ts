import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memorySink } from '../../test/support/format/streams.js';
import type { ApiResource } from '../adapters/kube/discovery.js';
import { createBackupWriter } from '../format/index.js';
import type { KubeObject } from '../model/resource-key.js';
import type { CaptureSource } from './capture.js';
import { type BackupSource, diffBackups } from './diff.js';
import { diffBackupWithLive } from './diff-live.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const cm = (name: string, data: Record<string, string>, ns = 'app'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, uid: `uid-${Math.random()}`, resourceVersion: String(Math.random()) },
  data,
});
const secret = (password: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'app' },
  data: { password: b64(password) },
});

const resources: Record<string, ApiResource> = {
  ConfigMap: {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    verbs: ['list'],
    preferred: true,
    shortNames: [],
  },
  Secret: {
    group: '',
    version: 'v1',
    resource: 'secrets',
    kind: 'Secret',
    namespaced: true,
    verbs: ['list'],
    preferred: true,
    shortNames: [],
  },
};

async function tarballOf(
  objects: KubeObject[],
  label: string,
  spec?: BackupSource['spec'],
): Promise<BackupSource> {
  const sink = memorySink();
  const writer = createBackupWriter(sink.stream, { mtime: new Date(0) });
  for (const object of objects) {
    const r = resources[object.kind]!;
    await writer.add({ resource: r.resource, group: r.group, preferredVersion: 'v1', object });
  }
  await writer.finish();
  const bytes = await sink.bytes;
  return { label, open: async () => Readable.from([bytes]), spec: spec ?? (async () => undefined) };
}

function liveCluster(objects: KubeObject[]): CaptureSource {
  return {
    discover: async () => ({ resources: Object.values(resources), failures: [] }),
    async *listPages(ref) {
      yield {
        resourceVersion: '1',
        items: objects.filter((o) => resources[o.kind]?.resource === ref.resource),
      };
    },
  };
}

describe('diffBackups', () => {
  it('reports added, removed and changed objects with field-level changes, ignoring server fields', async () => {
    const a = await tarballOf(
      [cm('same', { k: 'v' }), cm('changed', { k: 'v' }), cm('gone', {}), secret('old-pw')],
      'a',
    );
    const b = await tarballOf(
      [cm('same', { k: 'v' }), cm('changed', { k: 'w' }), cm('new', {}), secret('new-pw')],
      'b',
    );

    const diff = await diffBackups(a, b);

    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1 });
    expect(diff.differences.map((d) => [d.kind, d.name, d.change, d.fields.map((f) => f.path)])).toEqual([
      ['ConfigMap', 'changed', 'changed', ['/data/k']],
      ['ConfigMap', 'gone', 'removed', []],
      ['ConfigMap', 'new', 'added', []],
      ['Secret', 'db', 'changed', ['/data/password']],
    ]);
    const text = JSON.stringify(await diffBackups(a, b, { keepObjects: true }));
    for (const leak of ['old-pw', 'new-pw', b64('old-pw'), b64('new-pw')]) expect(text).not.toContain(leak);
  });

  it('finds nothing between a backup and itself', async () => {
    const a = await tarballOf([cm('x', { k: 'v' })], 'a');
    expect((await diffBackups(a, a)).differences).toEqual([]);
  });
});

describe('diffBackupWithLive', () => {
  const spec = async (): Promise<Awaited<ReturnType<BackupSource['spec']>>> => ({
    includedNamespaces: ['app'],
  });

  it('lists only the backed-up types, within the backup selection', async () => {
    const backup = await tarballOf([cm('a', { k: 'v' })], 'before', spec);
    const live = liveCluster([cm('a', { k: 'w' }), cm('b', {}), cm('elsewhere', {}, 'other'), secret('pw')]);

    const diff = await diffBackupWithLive(backup, live, { liveLabel: 'live' });

    expect(diff.differences.map((d) => [d.name, d.change])).toEqual([
      ['a', 'changed'],
      ['b', 'added'],
    ]);
    expect(diff.warnings).toEqual([]);
  });

  it('warns when the cluster no longer serves a backed-up type', async () => {
    const backup = await tarballOf([cm('a', {}), secret('pw')], 'before', spec);
    const live: CaptureSource = {
      ...liveCluster([cm('a', {})]),
      discover: async () => ({ resources: [resources.ConfigMap!], failures: [] }),
    };

    const diff = await diffBackupWithLive(backup, live);

    expect(diff.differences.map((d) => [d.kind, d.change])).toEqual([['Secret', 'removed']]);
    expect(diff.warnings).toEqual(['secrets is not served by the cluster: its objects show as removed']);
  });

  it('fails rather than report every object removed when a list fails', async () => {
    const backup = await tarballOf([cm('a', {})], 'before', spec);
    const live: CaptureSource = {
      ...liveCluster([]),
      listPages: () =>
        ({
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('forbidden')) }),
        }) as unknown as AsyncGenerator<never>,
    };
    await expect(diffBackupWithLive(backup, live)).rejects.toThrow(
      /listing the live cluster failed: .*forbidden/,
    );
  });
});
