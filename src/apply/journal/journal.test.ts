/** Tests of the journal: batching, sharded parts, resume, abandon, validation of what is read back. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeEntries, encodeEntries, type JournalHeader, type StoredEntry } from './codec.js';
import { Journal, type JournalEntry, type JournalKindSpec } from './journal.js';
import type { JournalPart, JournalStore } from './store.js';

/** An in-memory store that records every write in order. */
class MemoryStore implements JournalStore {
  readonly location = 'memory';
  header: JournalHeader | undefined;
  readonly parts = new Map<number, StoredEntry[]>();
  readonly writes: string[] = [];

  async load(): Promise<{ header: JournalHeader; parts: JournalPart[] } | undefined> {
    if (!this.header) return undefined;
    return {
      header: structuredClone(this.header),
      parts: [...this.parts].map(([index, entries]) => ({ index, entries })),
    };
  }
  async saveHeader(header: JournalHeader): Promise<void> {
    this.writes.push('header');
    this.header = structuredClone(header);
  }
  async savePart(index: number, entries: readonly StoredEntry[]): Promise<void> {
    this.writes.push(`part-${index}`);
    this.parts.set(index, structuredClone([...entries]));
  }
}

type Result = 'created' | 'updated';
const SPEC: JournalKindSpec<{ n: number }, Result> = {
  kind: 'test',
  state: z.object({ n: z.number() }),
  encodeResult: (r) => r,
  decodeResult: (t) => (t === 'created' || t === 'updated' ? t : undefined),
};
const INIT = { name: 'r1', fingerprint: 'f1', state: { n: 0 } };
const entry = (i: number): JournalEntry<Result> => ({
  id: `id-${i}`,
  oldUid: `old-${i}`,
  newUid: `new-${i}`,
  result: 'created',
});

async function recordAll(journal: Journal<{ n: number }, Result>, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await journal.record(entry(i));
}

describe('a journal', () => {
  it('writes nothing until a batch is full, then the changed parts before the header', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, SPEC, INIT, { batchSize: 3, partSize: 2 });
    await recordAll(journal, 0, 2);
    expect(store.writes).toEqual([]);
    await journal.record(entry(2));
    expect(store.writes).toEqual(['part-0', 'part-1', 'header']);
    expect(store.header).toMatchObject({ kind: 'test', parts: 2, entries: 3, phase: 'InProgress', runs: 1 });
  });

  it('rewrites only the parts that changed', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, SPEC, INIT, { batchSize: 100, partSize: 2 });
    await recordAll(journal, 0, 4);
    await journal.flush();
    store.writes.length = 0;
    await journal.record(entry(4));
    await journal.record({ ...entry(0), result: 'updated' });
    await journal.flush();
    expect(store.writes).toEqual(['part-0', 'part-2', 'header']);
  });

  it('is loaded back whole and typed by the next run, which counts itself', async () => {
    const store = new MemoryStore();
    const first = await Journal.open(store, SPEC, INIT, { batchSize: 2, partSize: 3 });
    await recordAll(first, 0, 7);
    await first.update({ phase: 'Failed', state: { n: 7 } });
    const second = await Journal.open(store, SPEC, INIT, { partSize: 3 });
    expect([second.resumed, second.runs, second.phase, second.state]).toEqual([true, 2, 'Failed', { n: 7 }]);
    expect(second.entries()).toEqual(Array.from({ length: 7 }, (_, i) => entry(i)));
    await second.record(entry(7));
    await second.flush();
    expect(store.parts.get(2)).toEqual([entry(6), entry(7)]);
  });

  it('writes nothing more once abandoned, as after a crash', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, SPEC, INIT, { batchSize: 1 });
    await journal.record(entry(0));
    journal.abandon();
    await journal.record(entry(1));
    await journal.update({ phase: 'Completed' });
    expect(store.header).toMatchObject({ entries: 1, phase: 'InProgress' });
  });
});

describe('a journal read back is validated whole', () => {
  async function stored(): Promise<MemoryStore> {
    const store = new MemoryStore();
    const journal = await Journal.open(store, SPEC, INIT, { batchSize: 1 });
    await recordAll(journal, 0, 2);
    return store;
  }

  it('refuses a journal of another kind', async () => {
    const store = await stored();
    await expect(Journal.open(store, { ...SPEC, kind: 'move' }, INIT)).rejects.toThrow(
      'journal memory holds a test journal, not a move',
    );
  });

  it('refuses a foreign journal stored under this name', async () => {
    const store = await stored();
    await expect(Journal.open(store, SPEC, { ...INIT, name: 'r2' })).rejects.toThrow(
      'belongs to test r1, not r2',
    );
  });

  it('refuses a state that does not fit the kind, naming the field', async () => {
    const store = await stored();
    store.header = { ...store.header!, state: { n: 'seven' } };
    const err = await Journal.open(store, SPEC, INIT).catch((e) => e);
    expect(err).toMatchObject({ code: 'apply.journal-invalid' });
    expect(err.message).toMatch(/has an invalid state: n: /);
  });

  it('refuses an entry whose result the kind does not know', async () => {
    const store = await stored();
    store.parts.set(0, [{ id: 'id-0', result: 'exploded' }]);
    await expect(Journal.open(store, SPEC, INIT)).rejects.toThrow('unknown result "exploded" for id-0');
  });

  it('refuses a header that is not a journal at all', async () => {
    const store = await stored();
    store.header = { ...store.header!, phase: 'Sideways' as never };
    const { decodeHeader } = await import('./codec.js');
    expect(() => decodeHeader(JSON.stringify(store.header), 'cm x')).toThrow(
      'journal cm x is not a driftline journal: phase:',
    );
    expect(() => decodeHeader('{"ver', 'cm x')).toThrow('journal cm x is not valid json');
  });
});

describe('journal entries', () => {
  it.each<[string, StoredEntry[]]>([
    ['round-trip with uids', [{ id: 'a', oldUid: 'o', newUid: 'n', result: 'created' }]],
    ['round-trip without uids', [{ id: 'a', result: 'skipped' }]],
    ['round-trip empty', []],
  ])('%s', async (_name, entries) => {
    expect(await decodeEntries(await encodeEntries(entries), 'test')).toEqual(entries);
  });

  it('report a corrupt part by name', async () => {
    await expect(decodeEntries('bm90IGd6aXA=', 'ns/part-0')).rejects.toThrow(
      'journal part ns/part-0 is corrupt',
    );
  });
});
