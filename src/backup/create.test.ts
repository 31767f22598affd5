import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Discovery } from '../adapters/kube/discovery.js';
import type { ListPage } from '../adapters/kube/interfaces.js';
import { FsObjectStore } from '../adapters/store/index.js';
import type { CaptureSource } from './capture.js';
import { createBackup } from './create.js';
import { BackupRepository } from './repository.js';

// A fake of the narrow source interface: one namespaced resource with two ConfigMaps.
const source: CaptureSource = {
  discover: async (): Promise<Discovery> => ({
    resources: [
      {
        group: '',
        version: 'v1',
        resource: 'configmaps',
        kind: 'ConfigMap',
        namespaced: true,
        verbs: ['list'],
        preferred: true,
        shortNames: [],
      },
    ],
    failures: [],
  }),
  async *listPages(): AsyncGenerator<ListPage> {
    yield {
      resourceVersion: '1',
      items: ['a', 'b'].map((name) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'ns' },
      })),
    };
  },
};

const newRepo = (): BackupRepository =>
  new BackupRepository(new FsObjectStore(mkdtempSync(join(tmpdir(), 'create-'))));

describe('createBackup', () => {
  it('refuses a name that a finished backup already has', async () => {
    const repo = newRepo();
    await createBackup(source, repo, { name: 'b1' });
    await expect(createBackup(source, repo, { name: 'b1' })).rejects.toMatchObject({ code: 'backup.exists' });
  });

  it('finishes on a re-run after an interrupted attempt left files without velero-backup.json', async () => {
    const repo = newRepo();
    const keys = repo.layout.backupKeys('b2');
    await repo.store.put(keys.contents, 'half a tarball');
    await repo.store.put(keys.logs, 'partial logs');
    const backup = await createBackup(source, repo, { name: 'b2' });
    expect(backup.status?.phase).toBe('Completed');
    expect(backup.status?.progress?.itemsBackedUp).toBe(2);
    expect((await repo.list()).backups.map((b) => b.metadata.name)).toEqual(['b2']);
    const logs = gunzipSync(await repo.store.getBuffer(keys.logs)).toString('utf8');
    expect(logs).toContain('removed 2 files of an earlier attempt that never finished');
    expect(logs).toContain(
      'backup completed: 2 items from 1 resources (0 listed objects left out by the selection)',
    );
  });
});
