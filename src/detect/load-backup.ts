/** Loads the objects detection needs from a backup: a local tarball or a backup in the store. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { BackupRepository } from '../backup/repository.js';
import { DriftlineError } from '../common/errors.js';
import { isValidBackupName, readBackup, type VeleroBackup } from '../format/index.js';
import { isCapiGroup } from '../model/capi-names.js';
import type { KubeObject } from '../model/resource-key.js';
import type { BackupInfo } from '../recovery/index.js';

/** The backup's objects (only the kinds detection reads) and its identity. */
export interface LoadedBackup {
  info: BackupInfo;
  objects: KubeObject[];
}

// Cluster API groups and Secrets (kubeconfigs, vSphere identities); everything else is dropped
// while streaming, so memory follows the size of the CAPI inventory, not the whole backup.
function wanted(group: string, resource: string): boolean {
  return isCapiGroup(group) || (group === '' && resource === 'secrets');
}

/** Reads `source`: an existing file path is a tarball, anything else a backup name in `repo`. */
export async function loadBackup(source: string, repo: () => BackupRepository): Promise<LoadedBackup> {
  if (existsSync(source) && statSync(source).isFile()) {
    const name = basename(source)
      .replace(/(-data)?\.tar\.gz$/, '')
      .replace(/\.tgz$/, '');
    return readObjects(createReadStream(source), name, statSync(source).mtime.toISOString());
  }
  const repository = repo();
  const backup = await storedBackup(repository, source);
  return readObjects(
    await repository.openContents(source),
    backup.metadata.name,
    backup.status?.startTimestamp ?? null,
  );
}

// `--backup` is a file or a store name; when it is neither, say both (never just "invalid name").
async function storedBackup(repository: BackupRepository, source: string): Promise<VeleroBackup> {
  const missing = (): DriftlineError =>
    new DriftlineError(
      'backup.not-found',
      `no file ${source}, and no backup of that name in ${repository.location}`,
    );
  if (!isValidBackupName(source)) throw missing();
  try {
    return await repository.get(source);
  } catch (err) {
    if (err instanceof DriftlineError && err.code === 'backup.not-found') throw missing();
    throw err;
  }
}

async function readObjects(stream: Readable, name: string, created: string | null): Promise<LoadedBackup> {
  const reader = readBackup(stream);
  const objects: KubeObject[] = [];
  for await (const item of reader) {
    if (item.preferred && wanted(item.group, item.resource)) objects.push(item.object);
  }
  return { info: { name, created, formatVersion: reader.formatVersion ?? 'unknown' }, objects };
}
