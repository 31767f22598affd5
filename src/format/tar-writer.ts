/** Streams items into a Velero-format tarball (gzip over ustar) with backpressure. */
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { KubeObject } from '../model/resource-key.js';
import { keyOf } from '../model/resource-key.js';
import { FormatError } from './errors.js';
import { encodeGoJson } from './go-json.js';
import { FORMAT_VERSION, itemPath, VERSION_ENTRY_PATH } from './layout.js';
import { type ResourceList, ResourceListBuilder } from './metadata-files.js';
import { BLOCK_SIZE, encodeHeader, encodePaxRecords, paddingFor, splitUstarPath } from './ustar.js';

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

// Bytes handed to gzip at once; memory stays bounded at about this much plus zlib's window.
const BATCH_BYTES = 256 * 1024;

// Velero's item backupper writes every header with mode 0755.
const ENTRY_MODE = 0o755;

/**
 * Creates a writer producing exactly Velero's layout: `metadata/version` (`1.1.0\n`) first, then
 * for each item the unversioned copy followed by the `<v>-preferredversion/` copy, regular files
 * only, no directory entries. Memory is bounded: one item is serialised at a time and `add`
 * waits for the output to drain.
 */
export function createBackupWriter(output: Writable, options: BackupWriterOptions = {}): BackupWriter {
  const gzip = createGzip({
    ...(options.compressionLevel !== undefined && { level: options.compressionLevel }),
    chunkSize: BATCH_BYTES,
  });
  const flushed = pipeline(gzip, output);
  flushed.catch(() => {});
  const mtime = Math.floor((options.mtime ?? new Date()).getTime() / 1000);
  const resourceList = new ResourceListBuilder();
  const summary = { items: 0, entries: 0, tarBytes: 0 };
  let state: 'idle' | 'busy' | 'finished' = 'idle';

  // Items are a few KiB; handing zlib each one costs a thread-pool round trip, so batch them.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (gzip.destroyed) throw gzip.errored ?? new Error('backup output was closed');
    if (!gzip.write(chunk)) await drained(gzip);
  };
  // Queues bytes; true when enough are pending that they should go to gzip now.
  const queue = (chunks: Buffer[]): boolean => {
    for (const chunk of chunks) {
      summary.tarBytes += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
    }
    return pendingBytes >= BATCH_BYTES;
  };
  const queueEntries = (entries: Array<[string, Buffer]>): boolean => {
    summary.entries += entries.length;
    return queue(entries.flatMap(([path, body]) => entryBytes(path, body, mtime)));
  };
  const begin = (): void => {
    if (state === 'busy') throw misuse('add or finish called before the previous add finished');
    if (state === 'finished') throw misuse('the writer is already finished');
    state = 'busy';
  };
  queueEntries([[VERSION_ENTRY_PATH, Buffer.from(`${FORMAT_VERSION}\n`)]]);

  return {
    // Synchronous unless a batch must go to gzip: most adds cost no event-loop turn at all.
    add(item: BackupItemInput): Promise<void> {
      try {
        begin();
      } catch (err) {
        return Promise.reject(err);
      }
      try {
        const due = queueEntries(itemEntries(item));
        resourceList.add(keyOf(item.object));
        for (const other of item.otherVersions ?? []) resourceList.add(keyOf(other));
        summary.items++;
        if (!due) {
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
    async addMany(items: readonly BackupItemInput[]): Promise<void> {
      for (const item of items) {
        const added = this.add(item);
        if (added !== DONE) await added;
      }
    },
    async finish(): Promise<BackupWriteSummary> {
      begin();
      try {
        queue([Buffer.alloc(2 * BLOCK_SIZE)]);
        await flush();
        gzip.end();
        await flushed;
        return { ...summary, resourceList: resourceList.build() };
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

/** The entries of one item (unversioned, preferred, other versions), validated before any is written. */
function itemEntries(item: BackupItemInput): Array<[string, Buffer]> {
  // Everything is validated before the first byte so a rejected item leaves no partial copies behind.
  const key = checkObject(item, item.object);
  if (item.preferredVersion !== undefined && item.preferredVersion !== key.version) {
    throw invalidItem(
      item.object,
      `has version ${key.version} but the preferred version is ${item.preferredVersion}`,
    );
  }
  const parts = { resource: item.resource, group: item.group, namespace: key.namespace, name: key.name };
  const body = Buffer.from(encodeGoJson(item.object), 'utf8');
  const entries: Array<[string, Buffer]> = [
    [itemPath({ ...parts, version: undefined, preferred: true }), body],
    [itemPath({ ...parts, version: key.version, preferred: true }), body],
  ];
  for (const other of item.otherVersions ?? []) {
    const otherKey = checkObject(item, other);
    if (
      otherKey.namespace !== key.namespace ||
      otherKey.name !== key.name ||
      otherKey.version === key.version
    ) {
      throw invalidItem(other, 'is not another version of the same object');
    }
    const path = itemPath({ ...parts, version: otherKey.version, preferred: false });
    entries.push([path, Buffer.from(encodeGoJson(other), 'utf8')]);
  }
  return entries;
}

function checkObject(item: BackupItemInput, object: KubeObject): ReturnType<typeof keyOf> {
  if (typeof object?.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.metadata?.name) {
    throw new FormatError('format.invalid-item', 'object needs apiVersion, kind and metadata.name');
  }
  const key = keyOf(object);
  if (key.group !== item.group)
    throw invalidItem(object, `is in group ${JSON.stringify(key.group)}, not ${JSON.stringify(item.group)}`);
  return key;
}

// Shared zeros for padding: chunks are copied when batched, so one buffer serves every entry.
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
