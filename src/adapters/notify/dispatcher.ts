/** Delivers drift events to receivers in the background: de-duplicated, retried, bounded, never blocking detection. */
import { describeError } from '../../common/errors.js';
import { type Logger, silentLogger } from '../../common/logger.js';
import { type DriftEvent, dedupKey } from '../../profiles/events.js';
import type { Receiver } from './receiver.js';

/** Dispatcher settings. */
export interface DispatcherOptions {
  /** The same (type, cluster, object, diff) is sent once within this time (default 10 min). */
  dedupTtlMs?: number;
  /** Attempts per event and receiver (default 4). */
  attempts?: number;
  /** First retry delay, doubled per attempt (default 250 ms). */
  retryDelayMs?: number;
  /** Events waiting per receiver before the oldest are dropped (default 1000). */
  maxQueue?: number;
  logger?: Logger;
  /** Called after each delivery attempt outcome, for metrics. */
  onResult?(receiver: string, outcome: 'sent' | 'failed' | 'dropped'): void;
}

interface Lane {
  receiver: Receiver;
  queue: DriftEvent[];
  busy: boolean;
}

/** Fans events out to receivers, each in its own lane so a slow one delays only itself. */
export class NotificationDispatcher {
  private readonly lanes: Lane[];
  private readonly seen = new Map<string, number>();
  private readonly idle = new Set<() => void>();
  private readonly log: Logger;

  constructor(
    receivers: Receiver[],
    private readonly options: DispatcherOptions = {},
  ) {
    this.lanes = receivers.map((receiver) => ({ receiver, queue: [], busy: false }));
    this.log = options.logger ?? silentLogger();
  }

  /** Queues an event unless an identical one was sent recently; returns at once. */
  notify(event: DriftEvent): void {
    const now = Date.now();
    const key = dedupKey(event);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return;
    this.seen.set(key, now + (this.options.dedupTtlMs ?? 600_000));
    if (this.seen.size > 10_000) this.prune(now);
    for (const lane of this.lanes) {
      lane.queue.push(event);
      if (lane.queue.length > (this.options.maxQueue ?? 1000)) {
        lane.queue.shift();
        this.options.onResult?.(lane.receiver.name, 'dropped');
      }
      if (!lane.busy) void this.drain(lane);
    }
  }

  /** Resolves when every queue is empty or `timeoutMs` passed (used before exiting). */
  async flush(timeoutMs = 10_000): Promise<void> {
    if (this.lanes.every((l) => !l.busy && l.queue.length === 0)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.idle.add(done);
    });
  }

  private async drain(lane: Lane): Promise<void> {
    lane.busy = true;
    while (lane.queue.length > 0) await this.deliver(lane.receiver, lane.queue.shift()!);
    lane.busy = false;
    if (this.lanes.every((l) => !l.busy && l.queue.length === 0)) {
      for (const done of this.idle) done();
      this.idle.clear();
    }
  }

  private async deliver(receiver: Receiver, event: DriftEvent): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await receiver.send(event);
        this.options.onResult?.(receiver.name, 'sent');
        return;
      } catch (err) {
        this.log.warn({ receiver: receiver.name, attempt, err: describeError(err) }, 'notification failed');
        if (attempt < attempts) await sleep((this.options.retryDelayMs ?? 250) * 2 ** (attempt - 1));
      }
    }
    this.options.onResult?.(receiver.name, 'failed');
  }

  private prune(now: number): void {
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
