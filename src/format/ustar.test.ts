import { describe, expect, it } from 'vitest';
import {
  decodeHeader,
  decodePaxRecords,
  encodeHeader,
  encodePaxRecords,
  paddingFor,
  splitUstarPath,
} from './ustar.js';

const BLOCK = 512;

// Recomputes a damaged header's checksum so only the intended damage remains.
function withChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  const sum = block.reduce((a, b) => a + b, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

describe('ustar headers', () => {
  it.each([0, 1, 2, 3])('checks checksums of blocks at byte offset %i (word-at-a-time sums)', (offset) => {
    const block = encodeHeader({ name: 'resources/secrets/namespaces/ns1/s1.json', size: 999, mode: 0o755 });
    // High bytes in every lane: a sum that carried between 16-bit lanes would be caught here.
    block.fill(0xff, 345, 500);
    withChecksum(block);
    const host = Buffer.alloc(BLOCK + 8);
    block.copy(host, offset);
    const view = host.subarray(offset, offset + BLOCK);
    expect(decodeHeader(view).size).toBe(999);
    view[200] = 1;
    expect(() => decodeHeader(view)).toThrow(/bad checksum/);
  });

  it('encodes a header the way Go’s archive/tar does and decodes it back', () => {
    const block = encodeHeader({ name: 'metadata/version', size: 6, mode: 0o755, mtime: 1714564800 });
    expect(block.toString('latin1', 100, 108)).toBe('0000755\0');
    expect(block.toString('latin1', 124, 136)).toBe('00000000006\0');
    expect(block.toString('latin1', 154, 156)).toBe('\0 ');
    expect(block.toString('latin1', 257, 265)).toBe('ustar\u000000');
    expect(decodeHeader(block)).toEqual({
      name: 'metadata/version',
      size: 6,
      mode: 0o755,
      mtime: 1714564800,
      typeflag: '0',
      type: 'file',
      linkname: '',
    });
  });

  it('joins the ustar prefix onto the name', () => {
    const path = `resources/${'a'.repeat(80)}/${'b'.repeat(60)}.json`;
    const split = splitUstarPath(path);
    expect(split).toEqual({ prefix: `resources/${'a'.repeat(80)}`, name: `${'b'.repeat(60)}.json` });
    expect(decodeHeader(encodeHeader({ ...split!, size: 0 })).name).toBe(path);
  });

  it.each([
    ['a file name longer than 100 bytes', `d/${'x'.repeat(101)}`],
    ['a path longer than 256 bytes', `${'d/'.repeat(130)}x`],
    ['a non-ASCII path', 'resources/ü.json'],
  ])('cannot fit %s into ustar fields', (_name, path) => {
    expect(splitUstarPath(path)).toBeUndefined();
  });

  it('reads GNU base-256 sizes', () => {
    const block = encodeHeader({ name: 'big', size: 0 });
    block.fill(0, 124, 136);
    block[124] = 0x80;
    block.writeUIntBE(2 ** 40, 130, 6);
    expect(decodeHeader(withChecksum(block)).size).toBe(2 ** 40);
  });

  it.each<[string, (block: Buffer) => Buffer]>([
    ['a bad checksum', (b) => b.fill(0x41, 0, 1)],
    ['a non-octal size', (b) => withChecksum(b.fill(0x39, 134, 135))],
    ['a negative base-256 size', (b) => withChecksum(b.fill(0xff, 124, 136))],
  ])('rejects a header with %s', (_name, damage) => {
    const block = encodeHeader({ name: 'f', size: 1 });
    expect(() => decodeHeader(damage(block))).toThrow(expect.objectContaining({ code: 'format.corrupt' }));
  });

  it.each([
    [0, 0],
    [1, 511],
    [512, 0],
    [513, 511],
  ])('pads a %i-byte body with %i bytes', (size, padding) => {
    expect(paddingFor(size)).toBe(padding);
  });
});

describe('pax records', () => {
  it.each<Record<string, string>>([
    { path: 'a' },
    { path: `resources/${'x'.repeat(300)}.json`, size: '123' },
    { path: 'x'.repeat(88) },
  ])('round-trips %j with self-describing lengths', (records) => {
    expect(decodePaxRecords(encodePaxRecords(records), 'e')).toEqual(records);
  });

  it.each(['5 path=a\n', '12 path=abc', 'x path=a\n', '7 patha\n'])(
    'rejects the malformed record %j',
    (text) => {
      expect(() => decodePaxRecords(Buffer.from(text), 'e')).toThrow(
        expect.objectContaining({ code: 'format.corrupt' }),
      );
    },
  );
});
