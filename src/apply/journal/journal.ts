/** A resumable operation's journal: typed, validated when read, entries flushed to a store in batches. */
import type { z } from 'zod';
import { rfc3339 } from '../../format/index.js';
import { ApplyError } from '../errors.js';
import { firstIssue, type JournalHeader, type JournalPhase, type StoredEntry } from './codec.js';
import type { JournalStore, StoredJournal } from './store.js';

/**
 * What one kind of journal holds (restore, move, the hub's sync and activation): its name, the
 * schema of its state, and how its per-object results are written and read back. A journal
 * whose state or results do not fit is refused as a whole, never half-applied.
 */
export interface JournalKindSpec<S, R> {
  kind: string;
  state: z.ZodType<S>;
  encodeResult(result: R): string;
  /** The result a stored text stands for, or undefined when it is not one of this kind's. */
  decodeResult(text: string): R | undefined;
}

/** One object's progress: identity, uid in the source and in the target, and what was done. */
export interface JournalEntry<R> {
  id: string;
  oldUid?: string;
  newUid?: string;
  result: R;
}

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
  name: string;
  fingerprint: string;
  state: S;
}

/** A journal read and validated, with its entries in recording order. */
export interface ReadJournal<S, R> {
  header: JournalHeader<S>;
  entries: JournalEntry<R>[];
}

interface Slot<R> {
  entry: JournalEntry<R>;
  seq: number;
}

/**
 * Reads and validates what `store` holds for `spec`; undefined when there is no journal. A
 * journal of another kind or name (foreign), a state that does not fit the kind's schema, or an
 * entry whose result the kind does not know is refused with apply.journal-invalid.
 */
export async function readJournal<S, R>(
  store: JournalStore,
  spec: JournalKindSpec<S, R>,
  name: string,
): Promise<ReadJournal<S, R> | undefined> {
  const loaded = await store.load();
  return loaded ? validate(loaded, spec, name, store.location) : undefined;
}

/** Validates a stored journal against its kind (see {@link readJournal}). */
export function validate<S, R>(
  loaded: StoredJournal,
  spec: JournalKindSpec<S, R>,
  name: string,
  where: string,
): ReadJournal<S, R> {
  const { header } = loaded;
  const refuse = (why: string) => new ApplyError('apply.journal-invalid', `journal ${where} ${why}`);
  if (header.kind !== spec.kind) throw refuse(`holds a ${header.kind} journal, not a ${spec.kind}`);
  if (header.name !== name) throw refuse(`belongs to ${spec.kind} ${header.name}, not ${name}`);
  const state = spec.state.safeParse(header.state);
  if (!state.success) throw refuse(`has an invalid state: ${firstIssue(state.error)}`);
  const entries = loaded.parts
    .sort((a, b) => a.index - b.index)
    .flatMap((p) => p.entries)
    .map((e) => decodeEntry(e, spec, refuse));
  return { header: { ...header, state: state.data }, entries };
}

function decodeEntry<R>(
  e: StoredEntry,
  spec: JournalKindSpec<unknown, R>,
  refuse: (why: string) => Error,
): JournalEntry<R> {
  const result = spec.decodeResult(e.result);
  if (result === undefined) throw refuse(`has an unknown result ${JSON.stringify(e.result)} for ${e.id}`);
  return { ...e, result };
}

/**
 * The journal of one operation. `record` is cheap and batches; every `batchSize` entries (and on
 * `flush`) the changed parts and then the header are written. Writes are serialised. After
 * `abandon` nothing more is written — what a crash would leave behind.
 */
export class Journal<S, R> {
  private readonly slots = new Map<string, Slot<R>>();
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
    private readonly spec: JournalKindSpec<S, R>,
    private header: JournalHeader<S>,
    /** True when the journal existed before this run. */
    readonly resumed: boolean,
    options: JournalOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.partSize = options.partSize ?? 4000;
    this.now = options.now ?? (() => new Date());
  }

  /** Loads and validates the journal, or starts a new one in memory (written on the first flush). */
  static async open<S, R>(
    store: JournalStore,
    spec: JournalKindSpec<S, R>,
    init: JournalInit<S>,
    options: JournalOptions = {},
  ): Promise<Journal<S, R>> {
    const loaded = await store.load();
    if (!loaded) {
      const now = rfc3339((options.now ?? (() => new Date()))());
      const header: JournalHeader<S> = {
        version: 1,
        kind: spec.kind,
        ...init,
        phase: 'InProgress',
        parts: 0,
        entries: 0,
        runs: 1,
        startedAt: now,
        updatedAt: now,
      };
      return new Journal(store, spec, header, false, options);
    }
    const read = validate(loaded, spec, init.name, store.location);
    const journal = new Journal(store, spec, { ...read.header, runs: read.header.runs + 1 }, true, options);
    journal.load(loaded, read.entries);
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

  /** The header as it stands (for reports). */
  get snapshot(): JournalHeader<S> {
    return this.header;
  }

  /** The entry for `id`, if recorded. */
  get(id: string): JournalEntry<R> | undefined {
    return this.slots.get(id)?.entry;
  }

  /** Every entry, in recording order. */
  entries(): JournalEntry<R>[] {
    return [...this.slots.values()].sort((a, b) => a.seq - b.seq).map((s) => s.entry);
  }

  /** Records an entry (replacing one with the same id); flushes when a batch is full. */
  async record(entry: JournalEntry<R>): Promise<void> {
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

  private load(loaded: StoredJournal, entries: JournalEntry<R>[]): void {
    let i = 0;
    for (const part of loaded.parts) {
      part.entries.forEach((_, n) => {
        const seq = part.index * this.partSize + n;
        this.slots.set(entries[i]!.id, { entry: entries[i]!, seq });
        this.nextSeq = Math.max(this.nextSeq, seq + 1);
        i++;
      });
    }
  }

  private put(entry: JournalEntry<R>): void {
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
        .map((s) => ({ ...s.entry, result: this.spec.encodeResult(s.entry.result) }));
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
