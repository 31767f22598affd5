/** POSIX ustar header codec (plus the PAX and GNU long-name extensions readers meet in the wild). */
import { FormatError } from './errors.js';

/** Tar block size; headers are one block, bodies are padded to whole blocks. */
export const BLOCK_SIZE = 512;

/** What a header describes, decoded from its typeflag. */
export type TarEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'pax-header'
  | 'pax-global-header'
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'other';

/** A decoded header block. `name` already joins the ustar prefix. */
export interface TarHeader {
  name: string;
  size: number;
  mode: number;
  mtime: number;
  typeflag: string;
  type: TarEntryType;
  linkname: string;
}

/** Fields for encoding a header; anything left out is zero/empty like Go's archive/tar writes it. */
export interface HeaderFields {
  name: string;
  size: number;
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  /** One character; `'0'` (regular file) by default. */
  typeflag?: string;
  linkname?: string;
  /** Written as-is into the 155-byte prefix field. */
  prefix?: string;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  x: 'pax-header',
  g: 'pax-global-header',
  L: 'gnu-long-name',
  K: 'gnu-long-link',
};

/** Number of zero bytes that pad a body of `size` bytes to a whole block. */
export function paddingFor(size: number): number {
  return (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;
}

/** True for an all-zero block, the end-of-archive marker. */
export function isZeroBlock(block: Uint8Array): boolean {
  return block.every((b) => b === 0);
}

/** Splits a path into ustar `prefix` and `name` fields, or returns undefined when it cannot fit (use PAX). */
export function splitUstarPath(path: string): { prefix: string; name: string } | undefined {
  if (!/^[\x20-\x7e]*$/.test(path)) return undefined;
  if (path.length <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { prefix, name };
  }
  return undefined;
}

/** Encodes one 512-byte header block with a correct checksum. */
export function encodeHeader(fields: HeaderFields): Buffer {
  if (fields.linkname) return encodeHeaderFully(fields);
  const block = Buffer.allocUnsafe(BLOCK_SIZE);
  const template = headerTemplate(fields.mode ?? 0o644, fields.mtime ?? 0, fields.typeflag ?? '0');
  writeHeaderAt(block, 0, template, { name: fields.name, prefix: fields.prefix ?? '' }, fields.size);
  return block;
}

/** A header block with every constant field filled in, and its checksum over them. */
export interface HeaderTemplate {
  readonly block: Buffer;
  readonly sum: number;
}

/**
 * Writes a header at `offset` of `target` (the writer's hot path, two headers per item, written
 * straight into the batch going to gzip): copy the template, write name, size and prefix, and
 * add only the bytes written to the template's checksum.
 */
export function writeHeaderAt(
  target: Buffer,
  offset: number,
  template: HeaderTemplate,
  path: { prefix: string; name: string },
  size: number,
): void {
  template.block.copy(target, offset);
  let sum = template.sum + putString(target, offset, 100, path.name);
  sum += putOctal(target, offset + 124, 12, size);
  if (path.prefix) sum += putString(target, offset + 345, 155, path.prefix);
  putOctal(target, offset + 148, 7, sum);
  target[offset + 155] = 0x20;
}

// Writes a string field (zero-filled in the template) and returns the sum of its bytes; ASCII
// byte by byte (Velero's paths), anything else through the UTF-8 encoder.
function putString(target: Buffer, offset: number, width: number, value: string): number {
  let sum = 0;
  const n = Math.min(value.length, width);
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) {
      target.fill(0, offset, offset + width);
      const end = offset + target.write(value, offset, width, 'utf8');
      sum = 0;
      for (let j = offset; j < end; j++) sum += target[j]!;
      return sum;
    }
    target[offset + i] = c;
    sum += c;
  }
  return sum;
}

// Writes `value` as width-1 zero-padded octal digits and a NUL (Go's format); returns their byte sum.
function putOctal(target: Buffer, offset: number, width: number, value: number): number {
  if (value >= 8 ** (width - 1))
    throw new RangeError(`value ${value} does not fit a ${width}-byte tar field`);
  let sum = 0;
  let rest = value;
  for (let i = width - 2; i >= 0; i--) {
    const digit = 0x30 + (rest % 8);
    target[offset + i] = digit;
    sum += digit;
    rest = Math.floor(rest / 8);
  }
  target[offset + width - 1] = 0;
  return sum;
}

const templates = new Map<string, HeaderTemplate>();

/** The template for headers with this mode, mtime and typeflag; name, size and prefix fields are zero. */
export function headerTemplate(mode: number, mtime: number, typeflag: string): HeaderTemplate {
  const key = `${mode}:${mtime}:${typeflag}`;
  let t = templates.get(key);
  if (!t) {
    const block = encodeHeaderFully({ name: '', size: 0, mode, mtime, typeflag });
    block.fill(0, 124, 136);
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < BLOCK_SIZE; i++) sum += block[i]!;
    t = { block, sum };
    if (templates.size > 64) templates.clear();
    templates.set(key, t);
  }
  return t;
}

function encodeHeaderFully(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK_SIZE);
  block.write(fields.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, fields.mode ?? 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, fields.size);
  writeOctal(block, 136, 12, fields.mtime ?? 0);
  block.write(fields.typeflag ?? '0', 156, 1, 'latin1');
  block.write(fields.linkname ?? '', 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'latin1');
  writeOctal(block, 329, 8, 0);
  writeOctal(block, 337, 8, 0);
  block.write(fields.prefix ?? '', 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return block;
}

/** Decodes a header block; throws `format.corrupt` when its checksum or numbers are invalid. */
export function decodeHeader(block: Uint8Array): TarHeader {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const rawName = readString(buf, 0, 100);
  if (!checksumMatches(buf)) {
    throw new FormatError('format.corrupt', `header of entry ${JSON.stringify(rawName)} has a bad checksum`, {
      entry: rawName,
    });
  }
  const magic = buf.toString('latin1', 257, 263);
  const prefix = magic === 'ustar\u0000' ? readString(buf, 345, 155) : '';
  const name = prefix ? `${prefix}/${rawName}` : rawName;
  const typeflag = String.fromCharCode(buf[156] ?? 0);
  let type: TarEntryType = TYPES[typeflag] ?? 'other';
  // Pre-POSIX archives mark directories only by a trailing slash.
  if (type === 'file' && typeflag !== '7' && magic !== 'ustar\u0000' && name.endsWith('/'))
    type = 'directory';
  return {
    name,
    size: readNumber(buf, 124, 12, name),
    mode: readNumber(buf, 100, 8, name),
    mtime: readNumber(buf, 136, 12, name),
    typeflag,
    type,
    linkname: readString(buf, 157, 100),
  };
}

/** Encodes PAX extended-header records (`<len> <key>=<value>\n`). */
export function encodePaxRecords(records: Record<string, string>): Buffer {
  const parts = Object.entries(records).map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    const bodyLength = Buffer.byteLength(body);
    let length = bodyLength + String(bodyLength).length;
    if (String(length).length !== String(bodyLength).length) length = bodyLength + String(length).length;
    return Buffer.from(`${length}${body}`, 'utf8');
  });
  return Buffer.concat(parts);
}

/** Decodes PAX records; throws `format.corrupt` naming `entry` when they are malformed. */
export function decodePaxRecords(data: Buffer, entry: string): Record<string, string> {
  const records: Record<string, string> = {};
  const corrupt = (): FormatError =>
    new FormatError('format.corrupt', `malformed pax header before entry ${JSON.stringify(entry)}`, {
      entry,
    });
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    const length = Number(data.toString('latin1', pos, space));
    if (space < 0 || !Number.isInteger(length) || length <= space - pos || pos + length > data.length)
      throw corrupt();
    const record = data.toString('utf8', space + 1, pos + length);
    const eq = record.indexOf('=');
    if (!record.endsWith('\n') || eq <= 0) throw corrupt();
    records[record.slice(0, eq)] = record.slice(eq + 1, -1);
    pos += length;
  }
  return records;
}

function writeOctal(block: Buffer, offset: number, width: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length > width - 1)
    throw new RangeError(`value ${value} does not fit a ${width}-byte tar field`);
  block.write(`${digits.padStart(width - 1, '0')}\u0000`, offset, width, 'latin1');
}

function readString(buf: Buffer, offset: number, width: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('utf8', offset, end < 0 || end > offset + width ? offset + width : end);
}

function readNumber(buf: Buffer, offset: number, width: number, entry: string): number {
  const first = buf[offset] ?? 0;
  if (first & 0x80) {
    // GNU base-256: big-endian binary after the marker bit; negative values are never valid here.
    if (first === 0xff) throw badNumber(entry);
    let value = first & 0x7f;
    for (let i = offset + 1; i < offset + width; i++) value = value * 256 + (buf[i] ?? 0);
    if (!Number.isSafeInteger(value)) throw badNumber(entry);
    return value;
  }
  // Octal digits, optionally padded with leading spaces and ended by NULs or spaces (no strings: hot path).
  const end = offset + width;
  let i = offset;
  while (i < end && buf[i] === 0x20) i++;
  let value = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) throw badNumber(entry);
    value = value * 8 + (c - 0x30);
  }
  for (; i < end; i++) if (buf[i] !== 0 && buf[i] !== 0x20) throw badNumber(entry);
  return value;
}

function badNumber(entry: string): FormatError {
  return new FormatError('format.corrupt', `header of entry ${JSON.stringify(entry)} has an invalid number`, {
    entry,
  });
}

// The checksum field: at least one octal digit, optionally space-padded, ended by NUL or space.
function storedChecksum(buf: Buffer): number | undefined {
  let i = 148;
  while (i < 156 && buf[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < 156; i++, digits++) {
    const c = buf[i]!;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) return undefined;
    value = value * 8 + (c - 0x30);
  }
  for (; i < 156; i++) if (buf[i] !== 0 && buf[i] !== 0x20) return undefined;
  return digits > 0 ? value : undefined;
}

function checksumMatches(buf: Buffer): boolean {
  const expected = storedChecksum(buf);
  if (expected === undefined) return false;
  // Hot path (every entry): a plain unsigned sum first; the signed variant only if that fails.
  let unsigned = 8 * 0x20 + byteSum(buf);
  for (let i = 148; i < 156; i++) unsigned -= buf[i]!;
  if (expected === unsigned) return true;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (i >= 148 && i < 156) continue;
    const b = buf[i]!;
    signed += b > 127 ? b - 256 : b;
  }
  return expected === signed;
}

// The sum of a block's 512 bytes. Read as 32-bit words when aligned, adding two bytes per 16-bit
// lane at a time (128 words × 2 × 255 fits a lane): a quarter of the loop for every entry read.
function byteSum(block: Buffer): number {
  if ((block.byteOffset & 3) !== 0) {
    let sum = 0;
    for (let i = 0; i < BLOCK_SIZE; i++) sum += block[i]!;
    return sum;
  }
  const words = new Uint32Array(block.buffer, block.byteOffset, BLOCK_SIZE / 4);
  let lanes = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    lanes += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  }
  return (lanes & 0xffff) + (lanes >>> 16);
}
