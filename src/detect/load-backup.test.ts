/** Tests of what `detect --backup` says when the argument is neither a file nor a backup in the store. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from '../adapters/store/index.js';
import { BackupRepository } from '../backup/repository.js';
import { loadBackup } from './load-backup.js';

const dir = mkdtempSync(join(tmpdir(), 'driftline-load-backup-'));
const repo = (): BackupRepository => new BackupRepository(new FsObjectStore(dir));

describe('a backup that is neither a file nor in the store', () => {
  it.each([
    ['a missing file path', '/missing/file.tar.gz'],
    ['a missing backup name', 'mgmt-20261120'],
  ])('is refused for %s: no such file, and no backup of that name in the store', async (_, source) => {
    const loading = loadBackup(source, repo);
    await expect(loading).rejects.toMatchObject({
      code: 'backup.not-found',
      message: `no file ${source}, and no backup of that name in ${repo().location}`,
    });
    await expect(loading).rejects.not.toThrow(/invalid backup name/);
  });
});
