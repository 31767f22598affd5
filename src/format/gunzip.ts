/** Streaming and one-shot gunzip that turn zlib failures into format errors. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzip } from 'node:zlib';
import { FormatError } from './errors.js';

/** Decompresses a gzip stream chunk by chunk; truncation and corruption become `FormatError`s. */
export async function* gunzipChunks(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Buffer, void, undefined> {
  // Larger output chunks: fewer hops through async iteration for the same bytes.
  const inflater = createGunzip({ chunkSize: 256 * 1024 });
  const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
  // Errors reach us through the iteration below; the pipeline promise only needs to be observed.
  pipeline(input, inflater).catch(() => {});
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (err) {
    throw toFormatError(err);
  } finally {
    inflater.destroy();
  }
}

/** Decompresses a whole small buffer with an output cap, for the metadata files. */
export function gunzipBuffer(data: Uint8Array, maxBytes: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(data, { maxOutputLength: maxBytes }, (err, out) => {
      if (!err) return resolve(out);
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return reject(
          new FormatError('format.entry-too-large', `${what} decompresses to more than ${maxBytes} bytes`, {
            entry: what,
            cause: err,
          }),
        );
      }
      reject(withWhat(toFormatError(err), what));
    });
  });
}

function withWhat(err: unknown, what: string): unknown {
  if (!(err instanceof FormatError)) return err;
  return new FormatError(err.code, `${what}: ${err.message}`, { entry: what, cause: err });
}

function toFormatError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR') {
    return new FormatError('format.truncated', 'gzip stream ends early (truncated file)', { cause: err });
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new FormatError('format.corrupt', `not a valid gzip stream: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return err;
}
