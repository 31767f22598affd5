/** Streams items into a Velero-format tarball (gzip over ustar) with backpressure. */
import type { Transform, TransformOptions, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';
import type { KubeObject } from '../model/resource-key.js';
import { FormatError } from './errors.js';
import { FORMAT_VERSION, VERSION_ENTRY_PATH } from './layout.js';
import { type ResourceList, ResourceListBuilder } from './metadata-files.js';
import { TarBatch } from './tar-batch.js';
import { ItemPaths, prepareItem } from './tar-item.js';
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
  return new TarballWriter(output, options);
}

class TarballWriter implements BackupWriter {
  private readonly gzip: Transform;
  private readonly flushed: Promise<void>;
  private readonly mtime: number;
  private readonly batch: TarBatch;
  private readonly paths = new ItemPaths();
  private readonly resourceList = new ResourceListBuilder();
  private items = 0;
  private entries = 0;
  private state: 'idle' | 'busy' | 'finished' = 'idle';

  constructor(
    private readonly output: Writable,
    options: BackupWriterOptions,
  ) {
    // zlib streams pass stream options through to their Transform.
    const gzipOptions: ZlibOptions & TransformOptions = {
      ...(options.compressionLevel !== undefined && { level: options.compressionLevel }),
      chunkSize: BATCH_BYTES,
      writableHighWaterMark: GZIP_QUEUE_BYTES,
    };
    this.gzip = createGzip(gzipOptions);
    this.flushed = pipeline(this.gzip, output);
    this.flushed.catch(() => {});
    this.mtime = Math.floor((options.mtime ?? new Date()).getTime() / 1000);
    this.batch = new TarBatch(BATCH_BYTES, headerTemplate(ENTRY_MODE, this.mtime, '0'));
    this.appendEntry(VERSION_ENTRY_PATH, Buffer.from(`${FORMAT_VERSION}\n`));
  }

  // Synchronous unless a batch must go to gzip: most adds cost no event-loop turn at all.
  add(item: BackupItemInput): Promise<void> {
    try {
      this.begin();
    } catch (err) {
      return Promise.reject(err);
    }
    try {
      this.appendItem(item);
      if (!this.batch.due) {
        this.state = 'idle';
        return DONE;
      }
    } catch (err) {
      this.state = 'idle';
      return Promise.reject(err);
    }
    return this.flush().finally(() => {
      if (this.state === 'busy') this.state = 'idle';
    });
  }

  async addMany(items: readonly BackupItemInput[]): Promise<void> {
    for (const item of items) {
      const added = this.add(item);
      if (added !== DONE) await added;
    }
  }

  async finish(): Promise<BackupWriteSummary> {
    this.begin();
    try {
      this.batch.appendBytes([Buffer.alloc(2 * BLOCK_SIZE)]);
      await this.flush();
      this.gzip.end();
      await this.flushed;
      return {
        items: this.items,
        entries: this.entries,
        tarBytes: this.batch.bytes,
        resourceList: this.resourceList.build(),
      };
    } finally {
      this.state = 'finished';
    }
  }

  abort(reason?: Error): void {
    this.state = 'finished';
    this.gzip.destroy(reason);
    this.output.destroy(reason);
  }

  private begin(): void {
    if (this.state === 'busy') throw misuse('add or finish called before the previous add finished');
    if (this.state === 'finished') throw misuse('the writer is already finished');
    this.state = 'busy';
  }

  private appendItem(item: BackupItemInput): void {
    const { key, json, unversioned, preferred, others } = prepareItem(item, this.paths);
    const first = splitUstarPath(unversioned);
    const second = splitUstarPath(preferred);
    if (first && second) {
      this.batch.appendTwin(first, second, json);
      this.entries += 2;
    } else {
      const body = Buffer.from(json, 'utf8');
      this.appendEntry(unversioned, body);
      this.appendEntry(preferred, body);
    }
    this.resourceList.add(key);
    for (const other of others) {
      this.appendEntry(other.path, other.body);
      this.resourceList.add(other.key);
    }
    this.items++;
  }

  private appendEntry(path: string, body: Buffer): void {
    this.batch.appendBytes(entryBytes(path, body, this.mtime));
    this.entries++;
  }

  private async flush(): Promise<void> {
    const chunks = this.batch.take();
    if (chunks.length === 0) return;
    if (this.gzip.destroyed) throw this.gzip.errored ?? new Error('backup output was closed');
    let accepted = true;
    for (const chunk of chunks) accepted = this.gzip.write(chunk, () => this.batch.recycle(chunk));
    // zlib gives the thread pool its next queued chunk only from a callback on this thread, so
    // yield once per batch: compression then runs alongside the next batch instead of after it.
    if (accepted) await setImmediate();
    else await drained(this.gzip);
  }
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

function misuse(why: string): FormatError {
  return new FormatError('format.misuse', `backup writer: ${why}`);
}
