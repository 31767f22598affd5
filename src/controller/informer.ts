/** List-then-watch of one resource type on one cluster, with a local store; re-lists after expiry (410) or errors. */
import { KubeError } from '../adapters/kube/errors.js';
import type { Lister, ResourceRef, WatchEvent, Watcher, WatchHandle } from '../adapters/kube/interfaces.js';
import type { Logger } from '../common/logger.js';
import { type KubeObject, keyOf, keyString } from '../model/resource-key.js';

/** Callbacks of an informer. `upsert`/`remove` fire for every change, including those a re-list finds. */
export interface InformerHandlers {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
  /** After each successful (re-)list. */
  synced(): void;
  /** A list or watch failed; the informer retries with backoff. */
  failed(err: Error): void;
  /** The watch ended and is restarted (`expired` after 410, `closed`, or `error`). */
  restarted?(reason: 'expired' | 'closed' | 'error'): void;
}

/** Options of an informer. */
export interface InformerOptions {
  labelSelector?: string;
  namespace?: string;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  logger?: Logger;
}

/** Keeps an up-to-date copy of the objects one list/watch selects. */
export class Informer {
  private readonly store = new Map<string, KubeObject>();
  private handle?: WatchHandle;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private resourceVersion = '';
  private generation = 0;

  constructor(
    private readonly client: Lister & Watcher,
    readonly ref: ResourceRef,
    private readonly handlers: InformerHandlers,
    private readonly options: InformerOptions = {},
  ) {}

  /** Starts listing and watching in the background. */
  start(): void {
    void this.relist();
  }

  /** Stops the watch and any pending retry. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.handle?.stop();
  }

  /** The stored object with this keyString, if any. */
  get(key: string): KubeObject | undefined {
    return this.store.get(key);
  }

  /** Every stored object. */
  values(): IterableIterator<KubeObject> {
    return this.store.values();
  }

  /** Number of stored objects. */
  get size(): number {
    return this.store.size;
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    try {
      const page = await this.client.list(this.ref, {
        labelSelector: this.options.labelSelector,
        namespace: this.options.namespace,
      });
      if (this.stopped || generation !== this.generation) return;
      this.replace(page.items);
      this.resourceVersion = page.resourceVersion;
      this.failures = 0;
      this.handlers.synced();
      await this.watch(generation);
    } catch (err) {
      this.fail(err as Error, generation);
    }
  }

  private replace(items: KubeObject[]): void {
    const fresh = new Map(items.map((o) => [keyString(keyOf(o)), o]));
    for (const [key, old] of this.store) {
      if (!fresh.has(key)) {
        this.store.delete(key);
        this.handlers.remove(old);
      }
    }
    for (const [key, obj] of fresh) {
      const old = this.store.get(key);
      this.store.set(key, obj);
      if (old?.metadata.resourceVersion !== obj.metadata.resourceVersion) this.handlers.upsert(obj);
    }
  }

  private async watch(generation: number): Promise<void> {
    const handle = await this.client.watch(
      this.ref,
      {
        labelSelector: this.options.labelSelector,
        namespace: this.options.namespace,
        resourceVersion: this.resourceVersion,
      },
      (event) => this.onEvent(event, generation),
      (err) => this.onDone(err, generation),
    );
    if (this.stopped || generation !== this.generation) handle.stop();
    else this.handle = handle;
  }

  private onEvent(event: WatchEvent, generation: number): void {
    if (generation !== this.generation || this.stopped) return;
    const obj = event.object;
    if (event.type === 'ERROR') {
      const code = (obj as { code?: number }).code;
      this.handle?.stop();
      this.handlers.restarted?.(code === 410 ? 'expired' : 'error');
      this.schedule(() => this.relist(), code === 410 ? 0 : this.delay());
      return;
    }
    if (obj?.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const key = keyString(keyOf(obj));
    if (event.type === 'DELETED') {
      this.store.delete(key);
      this.handlers.remove(obj);
    } else {
      this.store.set(key, obj);
      this.handlers.upsert(obj);
    }
  }

  private onDone(err: Error | undefined, generation: number): void {
    if (this.stopped || generation !== this.generation) return;
    if (err) {
      this.fail(err, generation);
      return;
    }
    // The server closed the watch (timeout, or it went away): re-list, which also notices an outage.
    this.handlers.restarted?.('closed');
    this.schedule(() => this.relist(), 0);
  }

  private fail(err: Error, generation: number): void {
    if (this.stopped || generation !== this.generation) return;
    this.failures++;
    this.options.logger?.debug({ resource: this.ref.resource, err: err.message }, 'informer failed');
    this.handlers.failed(
      err instanceof KubeError ? err : new KubeError('kube.unreachable', err.message, { cause: err }),
    );
    this.schedule(() => this.relist(), this.delay());
  }

  private delay(): number {
    const base = this.options.backoffMs ?? 250;
    return Math.min(base * 2 ** Math.max(0, this.failures - 1), this.options.maxBackoffMs ?? 5_000);
  }

  private schedule(fn: () => Promise<void>, ms: number): void {
    clearTimeout(this.timer);
    this.generation++;
    const generation = this.generation;
    this.timer = setTimeout(() => {
      if (generation === this.generation) void fn();
    }, ms);
  }
}
