/** Tests of the journal vocabulary: entry states, counts, ids, rollback refusals, default names. */
import { describe, expect, it } from 'vitest';
import { parseId } from './delete.js';
import { countEntries } from './journal.js';
import { MOVE_JOURNAL } from './journal-kind.js';
import { rollbackRefusal } from './rollback.js';
import { defaultMoveName } from './run.js';
import type { EntryState, MoveStep } from './types.js';

describe('journal entry states', () => {
  it.each<[string, EntryState]>([
    ['planned', { target: 'planned', source: 'present' }],
    ['created', { target: 'created', source: 'present' }],
    ['existing,deleted', { target: 'existing', source: 'deleted' }],
    ['created,kept', { target: 'created', source: 'kept' }],
  ])('%s round-trips', (result, state) => {
    expect(MOVE_JOURNAL.decodeResult(result)).toEqual(state);
    expect(MOVE_JOURNAL.encodeResult(state)).toBe(result);
  });

  it.each(['', 'deleted', 'created,gone', 'created,deleted,again'])('refuses %j', (result) => {
    expect(MOVE_JOURNAL.decodeResult(result)).toBeUndefined();
  });

  it('are counted by where each object stands', () => {
    const entries = ['planned', 'created', 'created,deleted', 'existing,deleted', 'created,kept'].map(
      (result, i) => ({
        id: String(i),
        result: MOVE_JOURNAL.decodeResult(result)!,
      }),
    );
    expect(countEntries(entries)).toEqual({ objects: 5, created: 3, adopted: 1, deleted: 2, kept: 1 });
  });
});

describe('a rollback', () => {
  it.each<[MoveStep, string | undefined]>([
    ['pausing', undefined],
    ['creating', undefined],
    ['verifying', undefined],
    ['rolling-back', undefined],
    [
      'deleting',
      'move m has started deleting objects from the source (step deleting); rolling back would lose them: run driftline move --resume to finish the move',
    ],
    [
      'unpausing',
      'move m has started deleting objects from the source (step unpausing); rolling back would lose them: run driftline move --resume to finish the move',
    ],
    ['done', 'move m completed; there is nothing to roll back'],
    ['rolled-back', 'move m was already rolled back'],
  ])('in step %s is %s', (step, refusal) => {
    expect(rollbackRefusal('m', step)).toBe(refusal);
  });
});

describe('helpers', () => {
  it.each<[string, ReturnType<typeof parseId>]>([
    [
      'cluster.x-k8s.io/Cluster/ns/prod',
      { group: 'cluster.x-k8s.io', kind: 'Cluster', namespace: 'ns', name: 'prod' },
    ],
    ['core/Secret/ns/prod-ca', { group: '', kind: 'Secret', namespace: 'ns', name: 'prod-ca' }],
  ])('parses the id %s', (id, expected) => {
    expect(parseId(id)).toEqual(expected);
  });

  it('names a move after its start time', () => {
    expect(defaultMoveName(new Date('2025-03-04T05:06:07.890Z'))).toBe('20250304-050607');
  });
});
