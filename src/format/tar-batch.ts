/** Builds ustar entries straight into large pooled buffers that go to gzip whole. */
import { BLOCK_SIZE, type HeaderTemplate, paddingFor, writeHeaderAt } from './ustar.js';

/** A path already split into ustar `prefix` and `name` fields. */
export interface UstarPath {
  prefix: string;
  name: string;
}

/**
 * Tar bytes accumulate in one buffer until it holds `batchBytes`; `take` hands the filled buffers
 * over. Writing headers and bodies in place avoids a Buffer per header, body and padding (two
 * entries per item, 200,000 for a 100k-object backup) and the copy that batching them would cost.
 * Buffers come back through `recycle` once gzip has consumed them, so memory stays at a few
 * batches whatever the backup's size.
 */
export class TarBatch {
  /** Bytes appended so far, over the whole archive. */
  bytes = 0;
  private buffer: Buffer;
  private used = 0;
  private readonly filled: Buffer[] = [];
  private filledBytes = 0;
  private readonly pool: Buffer[] = [];

  constructor(
    private readonly batchBytes: number,
    private readonly template: HeaderTemplate,
  ) {
    this.buffer = this.allocate(0);
  }

  /** Bytes appended but not yet taken. */
  get pendingBytes(): number {
    return this.filledBytes + this.used;
  }

  /**
   * Appends two entries with the same body: Velero's unversioned and `<v>-preferredversion/`
   * copies of one item. The JSON is encoded once, straight after the first header.
   */
  appendTwin(first: UstarPath, second: UstarPath, json: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit; reserve for the worst case.
    this.reserve(2 * (2 * BLOCK_SIZE + 3 * json.length));
    const buf = this.buffer;
    const start = this.used;
    const bodyStart = start + BLOCK_SIZE;
    const size = buf.write(json, bodyStart, 'utf8');
    const padded = size + paddingFor(size);
    buf.fill(0, bodyStart + size, bodyStart + padded);
    writeHeaderAt(buf, start, this.template, first, size);
    const secondStart = bodyStart + padded;
    buf.copy(buf, secondStart + BLOCK_SIZE, bodyStart, bodyStart + padded);
    writeHeaderAt(buf, secondStart, this.template, second, size);
    this.advance(2 * (BLOCK_SIZE + padded));
  }

  /** Appends ready-made bytes (rare entries: PAX headers, other versions, the end marker). */
  appendBytes(parts: readonly Buffer[]): void {
    let total = 0;
    for (const part of parts) total += part.length;
    this.reserve(total);
    for (const part of parts) {
      part.copy(this.buffer, this.used);
      this.used += part.length;
    }
    this.bytes += total;
  }

  /** True once a batch's worth of bytes is waiting. */
  get due(): boolean {
    return this.pendingBytes >= this.batchBytes;
  }

  /** Hands over everything appended so far, as views of the batch buffers. */
  take(): Buffer[] {
    if (this.used > 0) this.retire();
    const taken = this.filled.splice(0);
    this.filledBytes = 0;
    return taken;
  }

  /** Returns a taken chunk's buffer to the pool once its consumer is done with it. */
  recycle(chunk: Buffer): void {
    // Pool buffers are whole ArrayBuffers of `capacity` bytes (allocUnsafeSlow never shares one).
    const whole = chunk.byteOffset === 0 && chunk.buffer.byteLength === this.capacity;
    if (whole && this.pool.length < 4) this.pool.push(Buffer.from(chunk.buffer));
  }

  private get capacity(): number {
    return 2 * this.batchBytes;
  }

  private advance(n: number): void {
    this.used += n;
    this.bytes += n;
  }

  // Makes room for `n` more bytes: the current buffer is retired when full; a large item gets a
  // buffer of its own size.
  private reserve(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    if (this.used > 0) this.retire();
    if (n > this.buffer.length) this.buffer = this.allocate(n);
  }

  private retire(): void {
    this.filled.push(this.buffer.subarray(0, this.used));
    this.filledBytes += this.used;
    this.buffer = this.allocate(0);
    this.used = 0;
  }

  private allocate(atLeast: number): Buffer {
    if (atLeast <= this.capacity) return this.pool.pop() ?? Buffer.allocUnsafeSlow(this.capacity);
    return Buffer.allocUnsafeSlow(atLeast);
  }
}
