/** A resumable operation's journal: entries recorded in memory, flushed to a store in batches (restore and move). */
import { rfc3339 } from '../../format/index.js';
import { RestoreError } from '../errors.js';
import type { JournalEntry, JournalHeader, JournalKind, JournalPhase } from './codec.js';
import type { JournalStore } from './configmap-store.js';

/** Tuning for a journal. */
export interface JournalOptions {
  /** Entries recorded before a flush is forced (default 100). */
  batchSize?: number;
  /** Entries per stored part; parts stay well under the 1 MiB ConfigMap limit (default 4000). */
  partSize?: number;
  now?: () => Date;
}

/** What a new journal starts with. */
export interface JournalInit<S> {
  kind: JournalKind;
  name: string;
  fingerprint: string;
  state: S;
}

interface Slot {
  entry: JournalEntry;
  seq: number;
}

/**
 * The journal of one restore or move. `record` is cheap and batches; every `batchSize` entries
 * (and on `flush`) the changed parts and then the header are written. Writes are serialised.
 * After `abandon` nothing more is written — what a crash would leave behind.
 */
export class Journal<S> {
  private readonly slots = new Map<string, Slot>();
  private readonly dirty = new Set<number>();
  private nextSeq = 0;
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private abandoned = false;
  private readonly batchSize: number;
  private readonly partSize: number;
  private readonly now: () => Date;

  private constructor(
    private readonly store: JournalStore,
    private header: JournalHeader<S>,
    /** True when the journal existed before this run. */
    readonly resumed: boolean,
    options: JournalOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.partSize = options.partSize ?? 4000;
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the journal, or starts a new one in memory (nothing is written until the first flush). */
  static async open<S>(
    store: JournalStore,
    init: JournalInit<S>,
    options: JournalOptions = {},
  ): Promise<Journal<S>> {
    const loaded = await store.load();
    const now = rfc3339((options.now ?? (() => new Date()))());
    if (!loaded) {
      const header: JournalHeader<S> = {
        version: 1,
        ...init,
        phase: 'InProgress',
        parts: 0,
        entries: 0,
        runs: 1,
        startedAt: now,
        updatedAt: now,
      };
      return new Journal(store, header, false, options);
    }
    if (loaded.header.kind !== init.kind) {
      throw new RestoreError(
        'restore.journal',
        `${store.location} holds a ${loaded.header.kind} journal, not a ${init.kind}`,
      );
    }
    const journal = new Journal(
      store,
      { ...(loaded.header as JournalHeader<S>), runs: loaded.header.runs + 1 },
      true,
      options,
    );
    for (const part of loaded.parts) journal.load(part.index, part.entries);
    return journal;
  }

  /** Where the journal is stored. */
  get location(): string {
    return this.store.location;
  }

  /** The phase recorded. */
  get phase(): JournalPhase {
    return this.header.phase;
  }

  /** The fingerprint of what was asked when the journal was started. */
  get fingerprint(): string {
    return this.header.fingerprint;
  }

  /** The caller's state. */
  get state(): S {
    return this.header.state;
  }

  /** Runs so far, this one included. */
  get runs(): number {
    return this.header.runs;
  }

  /** The entry for `id`, if recorded. */
  get(id: string): JournalEntry | undefined {
    return this.slots.get(id)?.entry;
  }

  /** Every entry, in recording order. */
  entries(): JournalEntry[] {
    return [...this.slots.values()].sort((a, b) => a.seq - b.seq).map((s) => s.entry);
  }

  /** Records an entry (replacing one with the same id); flushes when a batch is full. */
  async record(entry: JournalEntry): Promise<void> {
    this.put(entry);
    this.pending++;
    if (this.pending >= this.batchSize) await this.flush();
  }

  /** Changes the phase and/or state and flushes. */
  async update(change: { phase?: JournalPhase; state?: S }): Promise<void> {
    this.header = { ...this.header, ...change };
    await this.flush();
  }

  /** Writes changed parts, then the header. */
  flush(): Promise<void> {
    const next = this.chain.then(() => this.write());
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Stops all further writes, as a crash would. */
  abandon(): void {
    this.abandoned = true;
  }

  private load(index: number, entries: JournalEntry[]): void {
    entries.forEach((entry, i) => {
      const seq = index * this.partSize + i;
      this.slots.set(entry.id, { entry, seq });
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
    });
  }

  private put(entry: JournalEntry): void {
    const existing = this.slots.get(entry.id);
    const seq = existing?.seq ?? this.nextSeq++;
    this.slots.set(entry.id, { entry, seq });
    this.dirty.add(Math.floor(seq / this.partSize));
  }

  private async write(): Promise<void> {
    if (this.abandoned) return;
    const parts = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    this.pending = 0;
    const bySeq = [...this.slots.values()];
    for (const part of parts) {
      const lo = part * this.partSize;
      const entries = bySeq
        .filter((s) => s.seq >= lo && s.seq < lo + this.partSize)
        .sort((a, b) => a.seq - b.seq)
        .map((s) => s.entry);
      await this.store.savePart(part, entries);
    }
    if (this.abandoned) return;
    this.header = {
      ...this.header,
      parts: Math.ceil(this.nextSeq / this.partSize),
      entries: this.slots.size,
      updatedAt: rfc3339(this.now()),
    };
    await this.store.saveHeader(this.header);
  }
}
