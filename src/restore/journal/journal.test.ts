/** Tests of the journal: batching, sharded parts, resume, abandon, entry codec. */
import { describe, expect, it } from 'vitest';
import { decodeEntries, encodeEntries, type JournalEntry, type JournalHeader } from './codec.js';
import type { JournalPart, JournalStore } from './configmap-store.js';
import { Journal } from './journal.js';

/** An in-memory store that records every write in order. */
class MemoryStore implements JournalStore {
  readonly location = 'memory';
  header: JournalHeader | undefined;
  readonly parts = new Map<number, JournalEntry[]>();
  readonly writes: string[] = [];

  async load(): Promise<{ header: JournalHeader; parts: JournalPart[] } | undefined> {
    if (!this.header) return undefined;
    return { header: this.header, parts: [...this.parts].map(([index, entries]) => ({ index, entries })) };
  }
  async saveHeader(header: JournalHeader): Promise<void> {
    this.writes.push('header');
    this.header = structuredClone(header);
  }
  async savePart(index: number, entries: readonly JournalEntry[]): Promise<void> {
    this.writes.push(`part-${index}`);
    this.parts.set(index, structuredClone([...entries]));
  }
}

const INIT = { kind: 'restore' as const, name: 'r1', fingerprint: 'f1', state: { n: 0 } };
const entry = (i: number): JournalEntry => ({
  id: `id-${i}`,
  oldUid: `old-${i}`,
  newUid: `new-${i}`,
  result: 'created',
});

async function recordAll(journal: Journal<unknown>, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await journal.record(entry(i));
}

describe('a journal', () => {
  it('writes nothing until a batch is full, then the changed parts before the header', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, INIT, { batchSize: 3, partSize: 2 });
    await recordAll(journal, 0, 2);
    expect(store.writes).toEqual([]);
    await journal.record(entry(2));
    expect(store.writes).toEqual(['part-0', 'part-1', 'header']);
    expect(store.header).toMatchObject({ parts: 2, entries: 3, phase: 'InProgress', runs: 1 });
  });

  it('rewrites only the parts that changed', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, INIT, { batchSize: 100, partSize: 2 });
    await recordAll(journal, 0, 4);
    await journal.flush();
    store.writes.length = 0;
    await journal.record(entry(4));
    await journal.record({ ...entry(0), result: 'updated' });
    await journal.flush();
    expect(store.writes).toEqual(['part-0', 'part-2', 'header']);
  });

  it('is loaded back whole by the next run, which counts itself', async () => {
    const store = new MemoryStore();
    const first = await Journal.open(store, INIT, { batchSize: 2, partSize: 3 });
    await recordAll(first, 0, 7);
    await first.update({ phase: 'Failed', state: { n: 7 } });
    const second = await Journal.open(store, INIT, { partSize: 3 });
    expect([second.resumed, second.runs, second.phase, second.state]).toEqual([true, 2, 'Failed', { n: 7 }]);
    expect(second.entries()).toEqual(Array.from({ length: 7 }, (_, i) => entry(i)));
    await second.record(entry(7));
    await second.flush();
    expect(store.parts.get(2)).toEqual([entry(6), entry(7)]);
  });

  it('writes nothing more once abandoned, as after a crash', async () => {
    const store = new MemoryStore();
    const journal = await Journal.open(store, INIT, { batchSize: 1 });
    await journal.record(entry(0));
    journal.abandon();
    await journal.record(entry(1));
    await journal.update({ phase: 'Completed' });
    expect(store.header).toMatchObject({ entries: 1, phase: 'InProgress' });
  });

  it('refuses a journal of another kind', async () => {
    const store = new MemoryStore();
    await (await Journal.open(store, { ...INIT, kind: 'move' })).flush();
    await expect(Journal.open(store, INIT)).rejects.toThrow('holds a move journal, not a restore');
  });
});

describe('journal entries', () => {
  it.each<[string, JournalEntry[]]>([
    ['round-trip with uids', [entry(1), entry(2)]],
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
