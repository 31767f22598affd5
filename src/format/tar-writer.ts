/** Streams items into a Velero-format tarball (gzip over ustar) with backpressure. */
import type { TransformOptions, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';
import type { KubeObject, ResourceKey } from '../model/resource-key.js';
import { keyOf } from '../model/resource-key.js';
import { FormatError } from './errors.js';
import { encodeGoJson } from './go-json.js';
import { FORMAT_VERSION, itemPath, itemPathBuilder, VERSION_ENTRY_PATH } from './layout.js';
import { type ResourceList, ResourceListBuilder } from './metadata-files.js';
import { TarBatch } from './tar-batch.js';
import {
  BLOCK_SIZE,
  encodeHeader,
  encodePaxRecords,
  headerTemplate,
  paddingFor,
  splitUstarPath,
} from './ustar.js';

/** Options for {@link createBackupWriter}. */
export interface BackupWriterOptions {
  /** Modification time written into every header; defaults to the writer's creation time. */
  mtime?: Date;
  /** gzip level 0–9; zlib's default when unset. */
  compressionLevel?: number;
}

/** One item to back up: its preferred-version object and optionally the same item in other versions. */
export interface BackupItemInput {
  /** Plural resource, e.g. `secrets`. */
  resource: string;
  /** API group, `''` for core; must match the object's apiVersion. */
  group: string;
  /** The group's preferred version; when given it must equal the object's version. */
  preferredVersion?: string;
  object: KubeObject;
  /** The same object served in non-preferred versions, written only under `<version>/` (Velero's EnableAPIGroupVersions). */
  otherVersions?: readonly KubeObject[];
}

/** What a finished writer wrote. */
export interface BackupWriteSummary {
  /** Items added (each counted once, however many copies). */
  items: number;
  /** Tar entries written, including `metadata/version`. */
  entries: number;
  /** Uncompressed tar bytes. */
  tarBytes: number;
  /** The resource list for `<n>-resource-list.json.gz`. */
  resourceList: ResourceList;
}

/** Writes one backup tarball; call `add` sequentially (await each) and `finish` once. */
export interface BackupWriter {
  /** Writes the item twice (unversioned and `<v>-preferredversion/`) plus any other versions; resolves when the output can take more. */
  add(item: BackupItemInput): Promise<void>;
  /** Adds items in order, waiting only when a batch goes to gzip (one await per ~256 KiB, not per item). */
  addMany(items: readonly BackupItemInput[]): Promise<void>;
  /** Writes the end-of-archive marker, ends the output stream and resolves once it has flushed. */
  finish(): Promise<BackupWriteSummary>;
  /** Abandons the archive and destroys the output with `reason`. */
  abort(reason?: Error): void;
}

const DONE: Promise<void> = Promise.resolve();

// Bytes handed to gzip at once; memory stays bounded at a few of these plus zlib's window.
const BATCH_BYTES = 256 * 1024;
// What gzip may hold queued (4 MiB): compression runs on the thread pool while the next batches
// are built, and when the CPU is short the writer can run ahead instead of stalling the LIST.
const GZIP_QUEUE_BYTES = 16 * BATCH_BYTES;

// Velero's item backupper writes every header with mode 0755.
const ENTRY_MODE = 0o755;

/**
 * Creates a writer producing exactly Velero's layout: `metadata/version` (`1.1.0\n`) first, then
 * for each item the unversioned copy followed by the `<v>-preferredversion/` copy, regular files
 * only, no directory entries. Memory is bounded: items are written into a few reused batch
 * buffers and `add` waits whenever gzip falls behind.
 */
export function createBackupWriter(output: Writable, options: BackupWriterOptions = {}): BackupWriter {
  // zlib streams pass stream options through to their Transform.
  const gzipOptions: ZlibOptions & TransformOptions = {
    ...(options.compressionLevel !== undefined && { level: options.compressionLevel }),
    chunkSize: BATCH_BYTES,
    writableHighWaterMark: GZIP_QUEUE_BYTES,
  };
  const gzip = createGzip(gzipOptions);
  const flushed = pipeline(gzip, output);
  flushed.catch(() => {});
  const mtime = Math.floor((options.mtime ?? new Date()).getTime() / 1000);
  const batch = new TarBatch(BATCH_BYTES, headerTemplate(ENTRY_MODE, mtime, '0'));
  const paths = new ItemPaths();
  const resourceList = new ResourceListBuilder();
  let items = 0;
  let entries = 0;
  let state: 'idle' | 'busy' | 'finished' = 'idle';

  const flush = async (): Promise<void> => {
    const chunks = batch.take();
    if (chunks.length === 0) return;
    if (gzip.destroyed) throw gzip.errored ?? new Error('backup output was closed');
    let accepted = true;
    for (const chunk of chunks) accepted = gzip.write(chunk, () => batch.recycle(chunk));
    // zlib gives the thread pool its next queued chunk only from a callback on this thread, so
    // yield once per batch: compression then runs alongside the next batch instead of after it.
    if (accepted) await setImmediate();
    else await drained(gzip);
  };
  const appendEntry = (path: string, body: Buffer): void => {
    batch.appendBytes(entryBytes(path, body, mtime));
    entries++;
  };
  const appendItem = (item: BackupItemInput): void => {
    const { key, json, unversioned, preferred, others } = prepareItem(item, paths);
    const first = splitUstarPath(unversioned);
    const second = splitUstarPath(preferred);
    if (first && second) {
      batch.appendTwin(first, second, json);
      entries += 2;
    } else {
      const body = Buffer.from(json, 'utf8');
      appendEntry(unversioned, body);
      appendEntry(preferred, body);
    }
    resourceList.add(key);
    for (const other of others) {
      appendEntry(other.path, other.body);
      resourceList.add(other.key);
    }
    items++;
  };
  const begin = (): void => {
    if (state === 'busy') throw misuse('add or finish called before the previous add finished');
    if (state === 'finished') throw misuse('the writer is already finished');
    state = 'busy';
  };
  appendEntry(VERSION_ENTRY_PATH, Buffer.from(`${FORMAT_VERSION}\n`));

  return {
    // Synchronous unless a batch must go to gzip: most adds cost no event-loop turn at all.
    add(item: BackupItemInput): Promise<void> {
      try {
        begin();
      } catch (err) {
        return Promise.reject(err);
      }
      try {
        appendItem(item);
        if (!batch.due) {
          state = 'idle';
          return DONE;
        }
      } catch (err) {
        state = 'idle';
        return Promise.reject(err);
      }
      return flush().finally(() => {
        if (state === 'busy') state = 'idle';
      });
    },
    async addMany(list: readonly BackupItemInput[]): Promise<void> {
      for (const item of list) {
        const added = this.add(item);
        if (added !== DONE) await added;
      }
    },
    async finish(): Promise<BackupWriteSummary> {
      begin();
      try {
        batch.appendBytes([Buffer.alloc(2 * BLOCK_SIZE)]);
        await flush();
        gzip.end();
        await flushed;
        return { items, entries, tarBytes: batch.bytes, resourceList: resourceList.build() };
      } finally {
        state = 'finished';
      }
    },
    abort(reason?: Error): void {
      state = 'finished';
      gzip.destroy(reason);
      output.destroy(reason);
    },
  };
}

/** Everything one item writes, validated and encoded before its first byte goes out. */
interface PreparedItem {
  key: ResourceKey;
  json: string;
  unversioned: string;
  preferred: string;
  others: Array<{ key: ResourceKey; path: string; body: Buffer }>;
}

// Validation comes first so that a rejected item leaves no partial copies behind.
function prepareItem(item: BackupItemInput, paths: ItemPaths): PreparedItem {
  const key = checkObject(item, item.object);
  if (item.preferredVersion !== undefined && item.preferredVersion !== key.version) {
    throw invalidItem(
      item.object,
      `has version ${key.version} but the preferred version is ${item.preferredVersion}`,
    );
  }
  const twin = paths.twin(item.resource, item.group, key.version, key.namespace);
  const others = (item.otherVersions ?? []).map((other) => {
    const otherKey = checkObject(item, other);
    if (
      otherKey.namespace !== key.namespace ||
      otherKey.name !== key.name ||
      otherKey.version === key.version
    ) {
      throw invalidItem(other, 'is not another version of the same object');
    }
    const path = itemPath({
      resource: item.resource,
      group: item.group,
      version: otherKey.version,
      preferred: false,
      namespace: key.namespace,
      name: key.name,
    });
    return { key: otherKey, path, body: Buffer.from(encodeGoJson(other), 'utf8') };
  });
  return {
    key,
    json: encodeGoJson(item.object),
    unversioned: twin.unversioned(key.name),
    preferred: twin.preferred(key.name),
    others,
  };
}

/** Path builders per resource, version and namespace, so directories are built and checked once. */
class ItemPaths {
  private readonly builders = new Map<
    string,
    { unversioned: (name: string) => string; preferred: (name: string) => string }
  >();

  twin(resource: string, group: string, version: string, namespace: string) {
    const id = `${resource}\n${group}\n${version}\n${namespace}`;
    let twin = this.builders.get(id);
    if (!twin) {
      const parts = { resource, group, namespace, preferred: true };
      twin = {
        unversioned: itemPathBuilder({ ...parts, version: undefined }),
        preferred: itemPathBuilder({ ...parts, version }),
      };
      if (this.builders.size >= 4096) this.builders.clear();
      this.builders.set(id, twin);
    }
    return twin;
  }
}

function checkObject(item: BackupItemInput, object: KubeObject): ResourceKey {
  if (typeof object?.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.metadata?.name) {
    throw new FormatError('format.invalid-item', 'object needs apiVersion, kind and metadata.name');
  }
  const key = keyOf(object);
  if (key.group !== item.group)
    throw invalidItem(object, `is in group ${JSON.stringify(key.group)}, not ${JSON.stringify(item.group)}`);
  return key;
}

// Shared zeros for padding: parts are copied into the batch, so one buffer serves every entry.
const ZEROS = Buffer.alloc(BLOCK_SIZE);

/** The header(s), body and padding of one entry (a PAX header precedes paths ustar cannot hold). */
function entryBytes(path: string, body: Buffer, mtime: number): Buffer[] {
  const parts: Buffer[] = [];
  let split = splitUstarPath(path);
  if (!split) {
    // Like Go's archive/tar: a PAX record carries the full path, the ustar name is truncated.
    const records = encodePaxRecords({ path });
    const base = path.slice(path.lastIndexOf('/') + 1);
    const paxName = `PaxHeaders.0/${base}`.slice(0, 100).replace(/[^\x20-\x7e]/g, '_');
    parts.push(encodeHeader({ name: paxName, size: records.length, mode: ENTRY_MODE, mtime, typeflag: 'x' }));
    parts.push(records, ZEROS.subarray(0, paddingFor(records.length)));
    split = { prefix: '', name: path.slice(0, 100).replace(/[^\x20-\x7e]/g, '_') };
  }
  parts.push(encodeHeader({ ...split, size: body.length, mode: ENTRY_MODE, mtime, typeflag: '0' }));
  parts.push(body, ZEROS.subarray(0, paddingFor(body.length)));
  return parts;
}

/** Resolves on 'drain'; rejects if the stream errors or closes first. Listeners never outlive the wait. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error | null): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onError = (err: Error): void => settle(err);
    const onClose = (): void =>
      settle(stream.errored ?? new Error('backup output closed before the backup finished'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

function invalidItem(object: KubeObject, why: string): FormatError {
  return new FormatError(
    'format.invalid-item',
    `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name} ${why}`,
  );
}

function misuse(why: string): FormatError {
  return new FormatError('format.misuse', `backup writer: ${why}`);
}
