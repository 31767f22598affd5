/** Restores in the backup store, in Velero's layout: `restores/<n>/restore-<n>-{results,resource-list,logs}` and the Restore object. */

import { readIfPresent } from '../adapters/store/object-store.js';
import type { BackupRepository } from '../backup/repository.js';
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import { gunzipBuffer } from '../format/gunzip.js';
import {
  type BackupResults,
  decodeResourceList,
  decodeResults,
  encodeResourceList,
  encodeResults,
  type ResourceList,
  type RestoreKeys,
} from '../format/index.js';
import { RestoreError } from './errors.js';
import { parseRestoreObject, type VeleroRestore } from './restore-object.js';

/** Everything a finished (or failed) restore writes to the store. */
export interface RestoreRecord {
  restore: VeleroRestore;
  results: BackupResults;
  resourceList: ResourceList;
  logs: Buffer;
}

/** A restore whose Restore object could not be read. */
export interface BrokenRestore {
  name: string;
  error: string;
}

/** Reads and writes restore records next to the backups of one repository. */
export class RestoreRecords {
  constructor(private readonly repo: BackupRepository) {}

  /** Where the records live, for messages. */
  get location(): string {
    return this.repo.location;
  }

  /** Writes the files; the Restore object last, so listings only show complete records. */
  async write(record: RestoreRecord): Promise<void> {
    const keys = this.keys(record.restore.metadata.name);
    const store = this.repo.store;
    await store.put(keys.results, await encodeResults(record.results));
    await store.put(keys.resourceList, await encodeResourceList(record.resourceList));
    await store.put(keys.logs, record.logs);
    await store.put(keys.metadata, `${JSON.stringify(record.restore, null, 2)}\n`);
  }

  /** The Restore object; restore.not-found when the store has none. */
  async get(name: string): Promise<VeleroRestore> {
    const data = await readIfPresent(this.repo.store, this.keys(name).metadata);
    if (!data) throw new RestoreError('restore.not-found', `restore ${name} not found in ${this.location}`);
    return parseRestoreObject(data);
  }

  /** True when a Restore object called `name` exists. */
  exists(name: string): Promise<boolean> {
    return this.repo.store.exists(this.keys(name).metadata);
  }

  /** Every readable restore, newest first, plus the unreadable ones. */
  async list(): Promise<{ restores: VeleroRestore[]; broken: BrokenRestore[] }> {
    const names = await this.repo.store.listDirs(this.repo.layout.dirKey('restores'));
    const restores: VeleroRestore[] = [];
    const broken: BrokenRestore[] = [];
    await mapLimit(names, 8, async (name) => {
      try {
        restores.push(await this.get(name));
      } catch (err) {
        broken.push({ name, error: describeError(err) });
      }
    });
    broken.sort((a, b) => a.name.localeCompare(b.name));
    restores.sort((a, b) => (b.status.startTimestamp ?? '').localeCompare(a.status.startTimestamp ?? ''));
    return { restores, broken };
  }

  /** The results file, if written. */
  async results(name: string): Promise<BackupResults | undefined> {
    const data = await readIfPresent(this.repo.store, this.keys(name).results);
    return data && decodeResults(data);
  }

  /** The resource list, if written. */
  async resourceList(name: string): Promise<ResourceList | undefined> {
    const data = await readIfPresent(this.repo.store, this.keys(name).resourceList);
    return data && decodeResourceList(data);
  }

  /** The log text, if written. */
  async logs(name: string): Promise<string | undefined> {
    const data = await readIfPresent(this.repo.store, this.keys(name).logs);
    return data && (await gunzipBuffer(data, 64 * 1024 * 1024, 'restore log')).toString('utf8');
  }

  private keys(name: string): RestoreKeys {
    return this.repo.layout.restoreKeys(name);
  }
}
