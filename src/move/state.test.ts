/** Tests of the journal vocabulary: entry states, counts, ids, rollback refusals, default names, leaving objects. */
import { describe, expect, it } from 'vitest';
import { isLeaving, parseId } from './delete.js';
import { countEntries, entryResult, entryState } from './journal.js';
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
    expect(entryState({ result })).toEqual(state);
    expect(entryResult(state)).toBe(result);
  });

  it('are counted by where each object stands', () => {
    const entries = ['planned', 'created', 'created,deleted', 'existing,deleted', 'created,kept'].map(
      (result, i) => ({
        id: String(i),
        result,
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

  it.each<[string, Record<string, unknown>, boolean]>([
    ['live', {}, false],
    [
      'held by a controller finalizer',
      { deletionTimestamp: 't', finalizers: ['machine.cluster.x-k8s.io'] },
      false,
    ],
    ['held only by the orphan finalizer', { deletionTimestamp: 't', finalizers: ['orphan'] }, true],
    ['being deleted without finalizers', { deletionTimestamp: 't' }, true],
  ])('an object %s is leaving: %s', (_name, meta, expected) => {
    expect(isLeaving({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', ...meta } })).toBe(expected);
  });
});
