/** In-memory tarball builder for tests: emits any entry type, path or declared size, including broken ones. */
import { gzipSync } from 'node:zlib';
import { VERSION_ENTRY_PATH } from '../../../src/format/layout.js';
import { BLOCK_SIZE, encodeHeader, encodePaxRecords, paddingFor } from '../../../src/format/ustar.js';

/** One raw entry; everything beyond `path` is optional so tests state only what they break. */
export interface RawEntry {
  path: string;
  body?: string | Uint8Array;
  /** Typeflag character; `'0'` (regular file) by default. */
  typeflag?: string;
  /** Size written in the header; defaults to the body length. When it differs, no padding is added. */
  declaredSize?: number;
  linkname?: string;
  mode?: number;
  /** Overwrites one header byte after the checksum is computed. */
  corruptByte?: number;
}

/** Builds a tar (and its gzip) byte by byte; call `end()` to add the end-of-archive marker. */
export class TarBuilder {
  private readonly parts: Buffer[] = [];

  /** Adds a regular file. */
  file(path: string, body: string | Uint8Array): this {
    return this.entry({ path, body });
  }

  /** Adds a JSON item file. */
  json(path: string, value: unknown): this {
    return this.file(path, JSON.stringify(value));
  }

  /** Adds any entry exactly as described. */
  entry(raw: RawEntry): this {
    const body = Buffer.from(raw.body ?? '');
    const size = raw.declaredSize ?? body.length;
    const header = encodeHeader({
      name: raw.path,
      size,
      mode: raw.mode ?? 0o644,
      typeflag: raw.typeflag ?? '0',
      linkname: raw.linkname ?? '',
    });
    if (raw.corruptByte !== undefined) header[raw.corruptByte] = (header[raw.corruptByte] ?? 0) ^ 0xff;
    this.parts.push(header, body);
    if (raw.declaredSize === undefined) this.parts.push(Buffer.alloc(paddingFor(body.length)));
    return this;
  }

  /** Adds a file whose real path is carried in a PAX extended header (the ustar name is a stub). */
  paxFile(path: string, body: string | Uint8Array, records: Record<string, string> = {}): this {
    this.entry({ path: 'PaxHeaders.0/stub', typeflag: 'x', body: encodePaxRecords({ path, ...records }) });
    return this.entry({ path: 'stub', body });
  }

  /** Adds a file whose real path is carried in a GNU `L` long-name entry. */
  gnuLongNameFile(path: string, body: string | Uint8Array): this {
    this.entry({ path: '././@LongLink', typeflag: 'L', body: `${path}\0` });
    return this.entry({ path: path.slice(0, 100), body });
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** Adds the two zero blocks that end an archive. */
  end(): this {
    return this.raw(Buffer.alloc(2 * BLOCK_SIZE));
  }

  /** The tar bytes. */
  toTar(): Buffer {
    return Buffer.concat(this.parts);
  }

  /** The gzip of the tar bytes. */
  toGzip(): Buffer {
    return gzipSync(this.toTar());
  }
}

/** Starts a tarball, optionally with the `metadata/version` entry Velero puts first. */
export function tarball(formatVersion?: string): TarBuilder {
  const builder = new TarBuilder();
  return formatVersion === undefined ? builder : builder.file(VERSION_ENTRY_PATH, `${formatVersion}\n`);
}
