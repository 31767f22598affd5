import { describe, expect, it } from 'vitest';
import { newRecord, parseClusterState, recordDrift, serializeClusterState } from './state.js';

const base = newRecord(
  {
    cluster: 'ns/wc1',
    profile: 'p',
    key: 'core/ConfigMap/ns/c',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: 'ns',
    name: 'c',
  },
  't0',
);
const change = [{ path: '/data/a', op: 'replace' as const, old: '1', new: '2' }];
const other = [{ path: '/data/b', op: 'replace' as const, old: '1', new: '3' }];

describe('recordDrift', () => {
  it('starts a drift with its time and counts it', () => {
    const { record, transition } = recordDrift(
      base,
      { kind: 'modified', changes: change, attribution: [] },
      't1',
    );
    expect(transition).toBe('drifted');
    expect(record).toMatchObject({
      status: 'Drifted',
      since: 't1',
      driftCount: 1,
      lastDiff: change,
      lastDetectedAt: 't1',
    });
  });

  it('keeps the start time and count while the same drift persists', () => {
    const first = recordDrift(base, { kind: 'modified', changes: change, attribution: [] }, 't1').record;
    const { record, transition } = recordDrift(
      first,
      { kind: 'modified', changes: change, attribution: [] },
      't2',
    );
    expect(transition).toBe('still-drifted');
    expect(record).toMatchObject({ since: 't1', driftCount: 1, lastDetectedAt: 't1' });
  });

  it('reports a different diff of an ongoing drift as a change', () => {
    const first = recordDrift(base, { kind: 'modified', changes: change, attribution: [] }, 't1').record;
    expect(recordDrift(first, { kind: 'modified', changes: other, attribution: [] }, 't2').transition).toBe(
      'drift-changed',
    );
  });

  it('resolves a drift when the object is in sync again, keeping the last diff', () => {
    const first = recordDrift(base, { kind: 'modified', changes: change, attribution: [] }, 't1').record;
    const { record, transition } = recordDrift(
      first,
      { kind: 'in-sync', changes: [], attribution: [] },
      't2',
    );
    expect(transition).toBe('resolved');
    expect(record).toMatchObject({ status: 'InSync', since: undefined, lastDiff: change, driftCount: 1 });
  });

  it('keeps a contested object contested while it stays drifted', () => {
    const contested = {
      ...recordDrift(base, { kind: 'modified', changes: change, attribution: [] }, 't1').record,
      status: 'Contested' as const,
    };
    expect(
      recordDrift(contested, { kind: 'modified', changes: other, attribution: [] }, 't2').record.status,
    ).toBe('Contested');
  });
});

describe('cluster state files', () => {
  const state = {
    version: 1 as const,
    cluster: { id: 'ns/wc1', reachable: true, since: 't0', profiles: ['p'] },
    objects: { a: base },
  };

  it('round-trips through its serialised form', () => {
    expect(parseClusterState(serializeClusterState(state))).toEqual(state);
  });

  it('refuses an unknown format, naming where it was read', () => {
    expect(() => parseClusterState('{"version":7}', 'cm s')).toThrow(/^cm s: version: expected 1/);
  });

  it.each([
    ['corrupt json', '{"version":1,', /^cm s is not valid json$/],
    [
      'a field of the wrong type',
      JSON.stringify({ ...state, cluster: { ...state.cluster, reachable: 'yes' } }),
      /^cm s: cluster\.reachable: expected boolean/,
    ],
    [
      'an object record without its status',
      JSON.stringify({ ...state, objects: { x: { ...Object.values(state.objects)[0], status: undefined } } }),
      /^cm s: objects\.x\.status: /,
    ],
  ])('refuses %s as a whole (drift.state-invalid)', (_, text, message) => {
    const err = (() => {
      try {
        parseClusterState(text, 'cm s');
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(err?.code).toBe('drift.state-invalid');
    expect(err?.message).toMatch(message);
  });
});
