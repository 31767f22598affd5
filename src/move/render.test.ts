/** Tests of the terminal forms of a move's plan, result and status. */
import { describe, expect, it } from 'vitest';
import type { MovePreview } from './preview.js';
import { renderPreview, renderReport, statusTable } from './render.js';
import type { MoveReport } from './types.js';

const preview: MovePreview = {
  source: 'https://a',
  target: 'https://b',
  clusters: ['ns/prod'],
  namespacesToCreate: ['ns'],
  total: 2,
  steps: [
    {
      index: 0,
      title: 'owner depth 0: Cluster',
      objects: [
        {
          object: 'Cluster ns/prod',
          action: 'create',
          paused: true,
          source: 'delete',
          reason: 'selected cluster',
        },
      ],
    },
    {
      index: 1,
      title: 'owner depth 1: VSphereMachineTemplate',
      objects: [
        {
          object: 'VSphereMachineTemplate ns/shared',
          action: 'adopt',
          paused: false,
          source: 'keep',
          reason: 'owned by Cluster ns/prod',
          keepReason: 'also needed by Cluster ns/dev, which is not moved',
        },
      ],
    },
  ],
  problems: [],
  warnings: [],
};

const report: MoveReport = {
  name: 'm1',
  phase: 'InProgress',
  step: 'creating',
  source: 'https://a',
  target: 'https://b',
  journal: 'configmap driftline-system/driftline-move-m1',
  runs: 1,
  updatedAt: '2025-01-01T00:00:00Z',
  counts: { objects: 2, created: 1, adopted: 0, deleted: 0, kept: 0 },
  clusters: ['ns/prod'],
  pausedInSource: ['ns/prod'],
  pausedInTarget: ['ns/prod'],
  createdNamespaces: [],
  kept: {},
  warnings: [],
};

describe('a dry run', () => {
  it('shows every step of the move, in order', () => {
    expect(renderPreview(preview)).toBe(
      [
        'Move plan (dry run, nothing changed): 1 cluster, 2 objects',
        '  from https://a',
        '  to   https://b',
        '',
        '1. Pause in the source: ns/prod',
        '2. Create in the target, owners first (namespaces created: ns):',
        '   1. owner depth 0: Cluster (1)',
        '      create Cluster ns/prod  (paused)  ← selected cluster',
        '   2. owner depth 1: VSphereMachineTemplate (1)',
        '      adopt VSphereMachineTemplate ns/shared  (identical object in the target, adopted)  ← owned by Cluster ns/prod',
        '3. Verify every object and owner reference in the target',
        '4. Delete from the source (finalizers removed, propagationPolicy Orphan): 1 object, in reverse order',
        '      keep VSphereMachineTemplate ns/shared  (also needed by Cluster ns/dev, which is not moved)',
        '5. Unpause in the target: ns/prod',
        '',
      ].join('\n'),
    );
  });

  it('ends with why the move would be refused', () => {
    expect(renderPreview({ ...preview, problems: ['secrets (1 object): nope'] })).toMatch(
      /\nThe move would be refused:\n {2}- secrets \(1 object\): nope\n$/,
    );
  });
});

describe('a move report', () => {
  it('says where the move stands and which clusters are paused where', () => {
    const text = renderReport(report);
    expect(text).toContain('Move m1 InProgress (step creating, run 1)');
    expect(text).toContain('  paused in the source: ns/prod\n  paused in the target: ns/prod\n');
    expect(text).toContain('Journal: configmap driftline-system/driftline-move-m1');
  });

  it('is one row per move in the status table', () => {
    expect(statusTable([report]).rows).toEqual([
      ['m1', 'InProgress', 'creating', '2', '1', '0', 'ns/prod', 'ns/prod', '2025-01-01T00:00:00Z'],
    ]);
  });
});
