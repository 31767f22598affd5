import { describe, expect, it } from 'vitest';
import { clusterShard, objectRecord } from '../../test/support/drift-records.js';
import { passDrifts } from './pass-report.js';
import type { ClusterState, ObjectRecord } from './state.js';

const STARTED = '2024-05-01T12:00:00.000Z';
const BEFORE = '2024-05-01T11:00:00.000Z';
const DURING = '2024-05-01T12:00:01.000Z';
const diff = [{ path: '/data/mode', op: 'replace' as const, old: 'strict', new: 'lax' }];

const rec = objectRecord;
const shard = (objects: ObjectRecord[]): ClusterState =>
  clusterShard('fleet/wc1', objects, { profiles: ['auto', 'manual', 'dry'] });
const profiles = [
  { name: 'auto', syncMode: 'ContinuousWithDriftDetection' as const },
  { name: 'manual', syncMode: 'ContinuousWithDriftDetection' as const },
  { name: 'dry', syncMode: 'DryRun' as const },
];
const actions = (objects: ObjectRecord[]): [string, string][] =>
  passDrifts([shard(objects)], STARTED, profiles).map((d) => [d.name, d.action]);

describe('passDrifts', () => {
  it('reports a drift the pass corrected, though the object is InSync again, with its diff', () => {
    const corrected = rec('auto', 'settings', {
      status: 'InSync',
      drift: 'modified',
      lastDiff: diff,
      attribution: [{ manager: 'kubectl-patch', operation: 'Update', paths: ['/data/mode'] }],
      lastCorrection: { at: DURING, by: 'auto', result: 'corrected' },
    });
    expect(passDrifts([shard([corrected])], STARTED, profiles)).toEqual([
      {
        cluster: 'fleet/wc1',
        profile: 'auto',
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'a',
        name: 'settings',
        drift: 'modified',
        diff,
        attribution: [{ manager: 'kubectl-patch', operation: 'Update', paths: ['/data/mode'] }],
        action: 'corrected',
        correction: { at: DURING, by: 'auto', result: 'corrected' },
      },
    ]);
  });

  it.each([
    [
      'a failed correction',
      { status: 'Drifted', lastCorrection: { at: DURING, by: 'auto', result: 'failed' } },
      'failed',
    ],
    [
      'a correction that did not take',
      { status: 'Drifted', lastCorrection: { at: DURING, by: 'auto', result: 'still-drifted' } },
      'still-drifted',
    ],
    ['a contested object', { status: 'Contested' }, 'contested'],
  ] as const)('reports %s as %s', (_, fields, action) => {
    expect(actions([rec('auto', 'x', fields as Partial<ObjectRecord>)])).toEqual([['x', action]]);
  });

  it('reports drift a Manual profile leaves in place, and a DryRun profile only reports', () => {
    expect(
      actions([
        rec('manual', 'limits', { status: 'Drifted', since: BEFORE }),
        rec('dry', 'preview', { status: 'Drifted', since: DURING }),
      ]),
    ).toEqual([
      ['preview', 'dry-run'],
      ['limits', 'manual'],
    ]);
  });

  it('leaves out objects in sync, pending or ignored, and corrections of earlier passes', () => {
    expect(
      actions([
        rec('auto', 'calm', { status: 'InSync' }),
        rec('auto', 'old', {
          status: 'InSync',
          lastCorrection: { at: BEFORE, by: 'auto', result: 'corrected' },
        }),
        rec('auto', 'new', { status: 'Pending', message: 'deploy failed: x' }),
        rec('auto', 'skip', { status: 'Ignored' }),
      ]),
    ).toEqual([]);
  });
});
