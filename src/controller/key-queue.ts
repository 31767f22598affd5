/** Per-object work of a cluster worker: one run per key at a time, batched and delayed requests, all cancellable. */

/** Runs `work(key)` on request; a request during a run of the same key makes it run once more. */
export class KeyQueue {
  private readonly queue = new Set<string>();
  private readonly running = new Map<string, boolean>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly failed: (key: string, err: unknown) => void,
    /** Called after each run (e.g. to update gauges). */
    private readonly settled: () => void = () => undefined,
  ) {}

  /** Requests a run; requests of the same tick (a burst of watch events) are drained together. */
  enqueue(key: string): void {
    if (this.stopped) return;
    const wasEmpty = this.queue.size === 0;
    this.queue.add(key);
    if (wasEmpty) setImmediate(() => this.drain());
  }

  /** Requests a run now. */
  kick(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) this.running.set(key, true);
    else void this.run(key);
  }

  /** Calls `fn` after `ms` unless stopped first. */
  later(fn: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Drops pending requests and timers. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.clear();
  }

  private drain(): void {
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) this.kick(key);
  }

  private async run(key: string): Promise<void> {
    this.running.set(key, false);
    try {
      await this.work(key);
    } catch (err) {
      this.failed(key, err);
    }
    const again = this.running.get(key);
    this.running.delete(key);
    if (again) this.enqueue(key);
    this.settled();
  }
}
