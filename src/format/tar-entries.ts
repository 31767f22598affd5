/** Streams the regular-file entries out of a (decompressed) tar, one buffered body at a time, refusing hostile entries. */
import { FormatError, withEntry } from './errors.js';
import {
  BLOCK_SIZE,
  decodeHeader,
  decodePaxRecords,
  isZeroBlock,
  paddingFor,
  type TarHeader,
} from './ustar.js';

/** One regular file from the archive with its whole body. */
export interface TarFileEntry {
  /** Normalised relative path (no `./`, no empty segments). */
  path: string;
  body: Buffer;
}

/** Limits applied while reading. */
export interface TarEntryOptions {
  /** Largest body buffered for one entry; larger entries fail from their header, before any body is read. */
  maxEntryBytes: number;
}

// PAX and GNU long-name bodies only carry names and sizes; anything bigger is an attack.
const MAX_META_BYTES = 1024 * 1024;

/**
 * Yields regular files in archive order. Directory entries are checked and skipped (Velero writes
 * none, but `tar -c` does); links, devices and unknown types fail. Only the current entry's body
 * is held in memory.
 */
export async function* readTarEntries(
  chunks: AsyncIterable<Uint8Array>,
  options: TarEntryOptions,
): AsyncGenerator<TarFileEntry, void, undefined> {
  for await (const batch of readTarEntryBatches(chunks, options)) yield* batch;
}

/**
 * Like {@link readTarEntries}, but yields every entry already decompressed at once: one
 * event-loop turn per chunk instead of one per entry (a backup has two entries per object).
 * Memory stays bounded by the chunk size; entries read before a failure are yielded first.
 */
export async function* readTarEntryBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: TarEntryOptions,
): AsyncGenerator<TarFileEntry[], void, undefined> {
  const reader = new ChunkReader(chunks[Symbol.asyncIterator]());
  let current: string | undefined;
  let batch: TarFileEntry[] = [];
  // Hands out what is ready before an await, so nothing waits behind a slow read.
  const ready = (bytes: number): TarFileEntry[] | undefined => {
    if (reader.has(bytes) || batch.length === 0) return undefined;
    const out = batch;
    batch = [];
    return out;
  };
  try {
    let longName: string | undefined;
    let pax: Record<string, string> = {};
    for (;;) {
      current = undefined;
      const beforeHeader = ready(BLOCK_SIZE);
      if (beforeHeader) yield beforeHeader;
      const block = reader.readBuffered(BLOCK_SIZE) ?? (await reader.read(BLOCK_SIZE));
      if (block.length < BLOCK_SIZE) {
        throw new FormatError('format.truncated', 'archive ends without an end-of-archive marker');
      }
      if (isZeroBlock(block)) break;
      const header = decodeHeader(block);
      const rawPath = pax.path ?? longName ?? header.name;
      const size = pax.size === undefined ? header.size : paxSize(pax.size, rawPath);
      const sparse = Object.keys(pax).some((k) => k.startsWith('GNU.sparse.'));
      current = rawPath;
      if (isMeta(header)) {
        const body = await readBody(reader, size, Math.min(MAX_META_BYTES, options.maxEntryBytes), rawPath);
        if (header.type === 'gnu-long-name') longName = body.toString('utf8').replace(/\0+$/, '');
        if (header.type === 'pax-header') pax = decodePaxRecords(body, rawPath);
        continue;
      }
      longName = undefined;
      pax = {};
      if ((header.type !== 'file' && header.type !== 'directory') || sparse) {
        throw new FormatError(
          'format.not-regular-file',
          `entry ${JSON.stringify(rawPath)} is a ${sparse ? 'sparse file' : header.type} (typeflag ${JSON.stringify(header.typeflag)}); only regular files are allowed`,
          { entry: rawPath },
        );
      }
      const path = normalizeEntryPath(rawPath);
      if (header.type === 'directory') {
        await reader.skip(size + paddingFor(size));
        continue;
      }
      if (path === '') throw unsafe(rawPath, 'empty path');
      current = path;
      const beforeBody = size <= options.maxEntryBytes ? ready(size + paddingFor(size)) : undefined;
      if (beforeBody) yield beforeBody;
      batch.push({ path, body: await readBody(reader, size, options.maxEntryBytes, path) });
    }
    if (batch.length > 0) yield batch;
    batch = [];
    // Drain to the end so gzip verifies its trailer (CRC and length) and truncation is noticed.
    current = undefined;
    await reader.drain();
  } catch (err) {
    if (batch.length > 0) yield batch;
    throw withEntry(err, current);
  } finally {
    await reader.close();
  }
}

/** Returns a path with `.`/empty segments removed; throws `format.unsafe-path` for absolute, `..` or odd paths. */
export function normalizeEntryPath(raw: string): string {
  if (isPlainRelativePath(raw)) return raw;
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw unsafe(raw, 'absolute path');
  if (raw.includes('\\') || raw.includes('\0')) throw unsafe(raw, 'backslash or NUL in path');
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw unsafe(raw, 'path escapes the archive root');
  return segments.join('/');
}

// Fast path for the common case (Velero's own paths): nothing to normalise, nothing suspicious.
function isPlainRelativePath(p: string): boolean {
  return (
    p.length > 0 &&
    p.charCodeAt(0) !== 47 &&
    !p.includes('..') &&
    !p.includes('//') &&
    !p.includes('./') &&
    !p.endsWith('/') &&
    !p.endsWith('/.') &&
    p !== '.' &&
    !p.includes('\\') &&
    !p.includes('\0') &&
    !/^[A-Za-z]:/.test(p)
  );
}

function unsafe(path: string, why: string): FormatError {
  return new FormatError('format.unsafe-path', `entry ${JSON.stringify(path)}: ${why}`, { entry: path });
}

function isMeta(header: TarHeader): boolean {
  return (
    header.type === 'pax-header' ||
    header.type === 'pax-global-header' ||
    header.type === 'gnu-long-name' ||
    header.type === 'gnu-long-link'
  );
}

function paxSize(value: string, entry: string): number {
  const size = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(size)) {
    throw new FormatError('format.corrupt', `entry ${JSON.stringify(entry)} has an invalid pax size`, {
      entry,
    });
  }
  return size;
}

async function readBody(reader: ChunkReader, size: number, max: number, entry: string): Promise<Buffer> {
  if (size > max) {
    throw new FormatError(
      'format.entry-too-large',
      `entry ${JSON.stringify(entry)} declares ${size} bytes, more than the limit of ${max}`,
      { entry },
    );
  }
  const body = reader.readBuffered(size) ?? (await reader.read(size));
  const padding = paddingFor(size);
  const padded = reader.skipBuffered(padding) || (await reader.read(padding)).length === padding;
  if (body.length < size || !padded) {
    throw new FormatError(
      'format.truncated',
      `entry ${JSON.stringify(entry)} is truncated: ${body.length} of ${size} bytes present`,
      { entry },
    );
  }
  return body;
}

const EMPTY = Buffer.alloc(0);

/**
 * Pulls exact byte counts out of a chunk iterator, keeping at most one partial chunk between
 * reads. The unread part is an offset into the current chunk rather than a new view per read:
 * every entry takes four reads (header, body, padding, next header) and views are not free.
 */
class ChunkReader {
  private chunk: Buffer = EMPTY;
  private offset = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  /** True when `n` bytes are buffered. */
  has(n: number): boolean {
    return this.chunk.length - this.offset >= n;
  }

  /** The next `n` bytes when they are already buffered (no await on the hot path), else undefined. */
  readBuffered(n: number): Buffer | undefined {
    if (!this.has(n)) return undefined;
    const out = this.chunk.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Skips `n` buffered bytes; false (nothing skipped) when fewer are buffered. */
  skipBuffered(n: number): boolean {
    if (!this.has(n)) return false;
    this.offset += n;
    return true;
  }

  /**
   * Reads exactly `n` bytes, or fewer only when the stream ends first. Only the bytes asked for
   * are copied: the rest of the last chunk stays where it is (copying whole 256 KiB chunks at
   * every boundary an entry straddles doubled the bytes moved).
   */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [this.chunk.subarray(this.offset)];
    let have = parts[0]!.length;
    this.chunk = EMPTY;
    this.offset = 0;
    while (have < n) {
      const chunk = await this.next();
      if (chunk === undefined) break;
      const wanted = n - have;
      if (chunk.length > wanted) {
        parts.push(chunk.subarray(0, wanted));
        this.chunk = chunk;
        this.offset = wanted;
        have = n;
      } else {
        parts.push(chunk);
        have += chunk.length;
      }
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
  }

  /** Discards `n` bytes without holding them. */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      if (!this.has(1)) {
        const chunk = await this.next();
        if (chunk === undefined) throw new FormatError('format.truncated', 'archive ends inside an entry');
        this.chunk = chunk;
        this.offset = 0;
      }
      const step = Math.min(left, this.chunk.length - this.offset);
      this.offset += step;
      left -= step;
    }
  }

  /** Consumes and discards everything left. */
  async drain(): Promise<void> {
    this.chunk = EMPTY;
    this.offset = 0;
    while ((await this.next()) !== undefined) {}
  }

  /** Stops the underlying iterator (which destroys a stream source) when reading ends early. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.chunks.return?.();
    }
  }

  private async next(): Promise<Buffer | undefined> {
    if (this.ended) return undefined;
    const result = await this.chunks.next();
    if (result.done) {
      this.ended = true;
      return undefined;
    }
    const value = result.value;
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
}
