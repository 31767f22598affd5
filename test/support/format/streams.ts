/** Stream helpers for format tests: chunked byte sources and in-memory sinks. */
import { PassThrough, Readable, type Writable } from 'node:stream';

/** A readable that hands out `data` in chunks of `chunkSize` bytes, to exercise block boundaries. */
export function chunkedSource(data: Uint8Array, chunkSize = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(Buffer.from(data.subarray(i, i + chunkSize)));
  return Readable.from(chunks, { objectMode: false });
}

/** A writable sink plus a promise of everything written once it ends. */
export function memorySink(): { stream: Writable; bytes: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, bytes };
}
