/** Tests of desired-vs-target comparison (subset semantics, marker labels, redaction) and status matching. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { statusMatches, writeDifferences } from './compare.js';

// A restore's marker labels are not differences.
const restoreDifferences = (desired: KubeObject, live: KubeObject) =>
  writeDifferences(desired, live, ['driftline.io/restore-name', 'driftline.io/backup-name']);

const desired: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'c',
    namespace: 'ns',
    labels: { app: 'x', 'driftline.io/restore-name': 'r1', 'driftline.io/backup-name': 'b' },
  },
  data: { a: '1' },
};

const live = (
  patch: { metadata?: Partial<KubeObject['metadata']>; [field: string]: unknown } = {},
): KubeObject => ({
  ...desired,
  ...patch,
  metadata: {
    name: 'c',
    namespace: 'ns',
    uid: 'u',
    resourceVersion: '7',
    labels: { app: 'x' },
    ...patch.metadata,
  },
});

describe('differences between the backup and the target', () => {
  it.each<[string, KubeObject, KubeObject, { path: string; op: string }[]]>([
    ['none for an identical object with server fields and no restore labels', desired, live(), []],
    [
      'none for fields only the target has (defaults, extra labels)',
      desired,
      live({ metadata: { labels: { app: 'x', extra: 'y' } }, immutable: false }),
      [],
    ],
    ['a changed value', desired, live({ data: { a: '2' } }), [{ path: '/data/a', op: 'replace' }]],
    ['a value the target lacks', desired, live({ data: {} }), [{ path: '/data/a', op: 'add' }]],
    [
      'a list element the target has beyond the backup',
      { ...desired, metadata: { ...desired.metadata, finalizers: ['a'] } },
      live({ metadata: { finalizers: ['a', 'b'] } }),
      [{ path: '/metadata/finalizers/1', op: 'remove' }],
    ],
  ])('are %s', (_name, want, have, expected) => {
    expect(restoreDifferences(want, have).map(({ path, op }) => ({ path, op }))).toEqual(expected);
  });

  it('never show Secret values', () => {
    const secret = { ...desired, kind: 'Secret', data: { password: 'aHVudGVyMg==' } } as KubeObject;
    const changes = restoreDifferences(secret, {
      ...live(),
      kind: 'Secret',
      data: { password: 'b3RoZXI=' },
    } as KubeObject);
    expect(JSON.stringify(changes)).not.toMatch(/aHVudGVyMg|b3RoZXI/);
    expect(changes).toEqual([
      { path: '/data/password', op: 'replace', old: '(redacted)', new: '(redacted, value changed)' },
    ]);
  });
});

describe('a restored status', () => {
  it.each([
    [
      'matches when the target has every backed-up field',
      { phase: 'Provisioned' },
      { phase: 'Provisioned', extra: 1 },
      true,
    ],
    ['does not match when a field differs', { phase: 'Provisioned' }, { phase: 'Pending' }, false],
    ['does not match when the target has none', { phase: 'Provisioned' }, undefined, false],
  ])('%s', (_name, want, have, expected) => {
    expect(statusMatches(want, { ...live(), status: have })).toBe(expected);
  });
});
