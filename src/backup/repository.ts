/** Backups in a store laid out like a Velero BackupStorageLocation: list, read, write, delete. */
import type { Readable } from 'node:stream';
import { type ObjectStore, readIfPresent } from '../adapters/store/object-store.js';
import { mapLimit } from '../common/concurrency.js';
import { DriftlineError, describeError } from '../common/errors.js';
import {
  type BackupResults,
  createStoreLayout,
  decodeResourceList,
  decodeResults,
  encodeBackupObject,
  parseBackupObject,
  type ResourceList,
  type StoreLayout,
  type VeleroBackup,
} from '../format/index.js';

/** A backup whose metadata could not be read, reported instead of hiding it. */
export interface BrokenBackup {
  name: string;
  error: string;
}

/** Reads and writes backups in one store under one prefix. */
export class BackupRepository {
  readonly layout: StoreLayout;

  constructor(
    readonly store: ObjectStore,
    prefix = '',
  ) {
    this.layout = createStoreLayout(prefix);
  }

  /** Where the repository lives, for messages. */
  get location(): string {
    return this.store.location;
  }

  /** Every backup with readable metadata, newest first, plus the ones that could not be read. */
  async list(): Promise<{ backups: VeleroBackup[]; broken: BrokenBackup[] }> {
    const names = await this.store.listDirs(this.layout.dirKey('backups'));
    const backups: VeleroBackup[] = [];
    const broken: BrokenBackup[] = [];
    // One small read per backup; a bucket with many backups is read a few at a time, not in series.
    await mapLimit(names, 8, async (name) => {
      try {
        backups.push(await this.get(name));
      } catch (err) {
        broken.push({ name, error: describeError(err) });
      }
    });
    broken.sort((a, b) => a.name.localeCompare(b.name));
    backups.sort((a, b) => (b.status?.startTimestamp ?? '').localeCompare(a.status?.startTimestamp ?? ''));
    return { backups, broken };
  }

  /** The Backup object of `name`; `backup.not-found` when the store has no such backup. */
  async get(name: string): Promise<VeleroBackup> {
    const data = await readIfPresent(this.store, this.layout.backupKeys(name).metadata);
    if (!data) throw new DriftlineError('backup.not-found', `backup ${name} not found in ${this.location}`);
    return parseBackupObject(data);
  }

  /** True when a backup called `name` exists (complete or not). */
  async exists(name: string): Promise<boolean> {
    const keys = this.layout.backupKeys(name);
    return (await this.store.exists(keys.metadata)) || (await this.store.exists(keys.contents));
  }

  /** Streams the tarball. */
  openContents(name: string): Promise<Readable> {
    return this.store.get(this.layout.backupKeys(name).contents);
  }

  /** The resource list, or undefined when the backup has none. */
  async resourceList(name: string): Promise<ResourceList | undefined> {
    const data = await readIfPresent(this.store, this.layout.backupKeys(name).resourceList);
    return data && decodeResourceList(data);
  }

  /** The results file, or undefined when absent. */
  async results(name: string): Promise<BackupResults | undefined> {
    const data = await readIfPresent(this.store, this.layout.backupKeys(name).results);
    return data && decodeResults(data);
  }

  /** Writes `velero-backup.json`; written last so listings only show finished backups. */
  async putMetadata(backup: VeleroBackup): Promise<void> {
    await this.store.put(this.layout.backupKeys(backup.metadata.name).metadata, encodeBackupObject(backup));
  }

  /** Deletes every object under `backups/<name>/`. */
  async delete(name: string): Promise<number> {
    const keys = this.layout.backupKeys(name);
    let deleted = 0;
    // Metadata first: a half-deleted backup must not look complete.
    if (await this.store.exists(keys.metadata)) {
      await this.store.delete(keys.metadata);
      deleted++;
    }
    for await (const key of this.store.list(keys.dir)) {
      await this.store.delete(key);
      deleted++;
    }
    return deleted;
  }
}
