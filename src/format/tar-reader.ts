/** Streams the items out of a Velero backup tarball, once per item, without touching disk. */
import type { KubeObject } from '../model/resource-key.js';
import { parseApiVersion } from '../model/resource-key.js';
import { CopyDeduplicator } from './copy-dedup.js';
import { FormatError } from './errors.js';
import { gunzipChunks } from './gunzip.js';
import {
  type ItemPathParts,
  isUnderResources,
  parseItemPath,
  SUPPORTED_FORMAT_VERSIONS,
  VERSION_ENTRY_PATH,
} from './layout.js';
import { readTarEntryBatches } from './tar-entries.js';

/** Default cap on one entry's size; Kubernetes objects are far below etcd's 1.5 MiB limit. */
export const DEFAULT_MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Options for {@link readBackup}. */
export interface ReadBackupOptions {
  /** Largest single entry accepted, checked from its header before any of it is buffered. */
  maxEntryBytes?: number;
}

/** One backed-up object as read from the tarball. */
export interface BackupItem {
  resource: string;
  group: string;
  /** The version directory of the copy yielded, or the object's own version for an unversioned-only item. */
  version: string;
  /** True for the preferred version (unversioned or `<v>-preferredversion/` copy), false for `<v>/` copies. */
  preferred: boolean;
  namespace: string;
  name: string;
  object: KubeObject;
  /** The entry path the object was read from. */
  path: string;
}

/** Counters that describe what the reader saw. */
export interface BackupReadStats {
  /** Regular-file entries read, including `metadata/version`. */
  entries: number;
  /** Items yielded. */
  items: number;
  /** Copies skipped because the same item had already been yielded. */
  duplicates: number;
  /** Entries outside `resources/` and other than `metadata/version`, skipped for forward compatibility. */
  ignoredEntries: number;
}

/**
 * A single-pass reader over one backup tarball; iterate it with `for await`.
 *
 * De-duplication. Velero writes each item twice: the unversioned copy, then (adjacent) the
 * `<v>-preferredversion/` copy. The reader holds back at most ONE unversioned item: if the next
 * entry is its preferred copy, that copy is yielded instead (with its version directory);
 * otherwise the held item is yielded with the version of its apiVersion. Every identity read
 * (resource, group, namespace, name; plus the version for non-preferred copies) goes into a Set,
 * so copies that arrive later or in the other order are skipped — memory is one held item, one
 * entry being read, and one short key per item. When the copies are not adjacent the first one
 * wins, so an unversioned copy seen long before its preferred copy reports its object's version.
 *
 * Extra versions. Non-preferred `<v>/` copies (EnableAPIGroupVersions) are yielded as separate
 * items with `preferred: false`: Velero writes them in a separate pass, far from the preferred
 * copy, so attaching them to it would mean buffering the archive.
 */
export class BackupReader implements AsyncIterable<BackupItem> {
  /** The content of `metadata/version` (`1` or `1.1.0`) once that entry has been read. */
  formatVersion: string | undefined;
  /** Live counters; final once iteration has ended. */
  readonly stats: BackupReadStats = { entries: 0, items: 0, duplicates: 0, ignoredEntries: 0 };
  private started = false;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    private readonly maxEntryBytes: number,
  ) {}

  /** Starts reading; a reader can be iterated only once. */
  [Symbol.asyncIterator](): AsyncIterator<BackupItem> {
    if (this.started) throw new FormatError('format.misuse', 'a backup reader can be iterated only once');
    this.started = true;
    return this.items();
  }

  private async *items(): AsyncGenerator<BackupItem, void, undefined> {
    const copies = new CopyDeduplicator();
    const entries = readTarEntryBatches(gunzipChunks(this.source), { maxEntryBytes: this.maxEntryBytes });
    try {
      for await (const batch of entries)
        for (const entry of batch) {
          this.stats.entries++;
          if (entry.path === VERSION_ENTRY_PATH) {
            this.formatVersion = checkFormatVersion(entry.body);
          } else if (!isUnderResources(entry.path)) {
            this.stats.ignoredEntries++;
          } else {
            // Decide duplicates from the path first: parsing JSON is most of the reading cost.
            const { id, preferredVersion } = copies.identityOf(entry.path);
            const twinOfHeld = preferredVersion !== undefined && copies.isHeld(id);
            if (!twinOfHeld && !copies.firstSighting(id)) {
              copies.duplicates++;
              for (const ready of copies.flush()) yield this.counted(ready);
              continue;
            }
            const reused = twinOfHeld && copies.sameAsHeld(preferredVersion, entry.body, entry.path);
            const { item, unversioned } =
              reused || decodeItem(entry.path, entry.body, parseItemPath(entry.path));
            for (const ready of copies.push(id, item, unversioned, entry.body)) yield this.counted(ready);
          }
        }
    } catch (err) {
      // Hand out the held item before failing so callers keep everything read intact.
      for (const ready of copies.flush()) yield this.counted(ready);
      throw err;
    } finally {
      this.stats.duplicates = copies.duplicates;
    }
    for (const ready of copies.flush()) yield this.counted(ready);
    if (this.formatVersion === undefined) {
      throw new FormatError(
        'format.missing-version',
        `archive has no ${JSON.stringify(VERSION_ENTRY_PATH)} entry`,
        {
          entry: VERSION_ENTRY_PATH,
        },
      );
    }
  }

  private counted(item: BackupItem): BackupItem {
    this.stats.items++;
    return item;
  }
}

/** Opens a gzip tarball stream (a Node Readable or any async iterable of bytes) for streaming reads. */
export function readBackup(source: AsyncIterable<Uint8Array>, options: ReadBackupOptions = {}): BackupReader {
  return new BackupReader(source, options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES);
}

/** Reads every item into an array; for tests and small backups only. */
export async function readAllItems(
  source: AsyncIterable<Uint8Array>,
  options?: ReadBackupOptions,
): Promise<BackupItem[]> {
  const items: BackupItem[] = [];
  for await (const item of readBackup(source, options)) items.push(item);
  return items;
}

function checkFormatVersion(body: Buffer): string {
  const version = body.toString('utf8').trim();
  if (!SUPPORTED_FORMAT_VERSIONS.includes(version)) {
    throw new FormatError(
      'format.unknown-version',
      `unsupported backup format version ${JSON.stringify(version.slice(0, 40))} in ${JSON.stringify(VERSION_ENTRY_PATH)}; supported: ${SUPPORTED_FORMAT_VERSIONS.join(', ')}`,
      { entry: VERSION_ENTRY_PATH },
    );
  }
  return version;
}

function decodeItem(
  path: string,
  body: Buffer,
  parts: ItemPathParts,
): { item: BackupItem; unversioned: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new FormatError('format.invalid-json', `entry ${JSON.stringify(path)} is not valid json`, {
      entry: path,
      cause: err,
    });
  }
  const object = asKubeObject(parsed, path);
  const { group, version } = parseApiVersion(object.apiVersion);
  const namespace = object.metadata.namespace ?? '';
  if (group !== parts.group) throw mismatch(path, 'group', parts.group, group);
  if (namespace !== parts.namespace) throw mismatch(path, 'namespace', parts.namespace, namespace);
  if (object.metadata.name !== parts.name) throw mismatch(path, 'name', parts.name, object.metadata.name);
  // The version directory is not checked against apiVersion: Velero records the version before
  // backup item actions run, and an action may return the object in another version.
  const item: BackupItem = {
    resource: parts.resource,
    group: parts.group,
    version: parts.version ?? version,
    preferred: parts.preferred,
    namespace: parts.namespace,
    name: parts.name,
    object,
    path,
  };
  return { item, unversioned: parts.version === undefined };
}

function mismatch(path: string, what: string, inPath: string, inObject: string): FormatError {
  return new FormatError(
    'format.path-mismatch',
    `entry ${JSON.stringify(path)}: ${what} ${JSON.stringify(inPath)} in the path but ${JSON.stringify(inObject)} in the object`,
    { entry: path },
  );
}

function asKubeObject(value: unknown, path: string): KubeObject {
  const v = value as Partial<KubeObject> | null;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof v.apiVersion === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.metadata === 'object' &&
    v.metadata !== null &&
    typeof v.metadata.name === 'string' &&
    (v.metadata.namespace === undefined || typeof v.metadata.namespace === 'string');
  if (!ok) {
    throw new FormatError(
      'format.invalid-item',
      `entry ${JSON.stringify(path)} is not a kubernetes object (needs apiVersion, kind, metadata.name)`,
      { entry: path },
    );
  }
  return v as KubeObject;
}
