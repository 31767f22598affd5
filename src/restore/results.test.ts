/** Tests of outcomes turned into Velero's restore results and resource list. */
import { describe, expect, it } from 'vitest';
import { buildResourceList, buildResults, countOutcomes, outcomeLine } from './results.js';
import type { ItemOutcome, RestorePlan } from './types.js';

const key = (kind: string, namespace: string, name: string, group = '') => ({
  group,
  version: 'v1',
  kind,
  namespace,
  name,
});
const OUTCOMES: ItemOutcome[] = [
  { id: 'a', key: key('Namespace', '', 'ns'), action: 'created', detail: 'created', newUid: 'u1' },
  {
    id: 'b',
    key: key('ConfigMap', 'ns', 'b'),
    action: 'skipped',
    detail: 'already exists and differs',
    changes: [{ path: '/data/a', op: 'replace', old: '2', new: '1' }],
  },
  { id: 'c', key: key('ConfigMap', 'ns', 'a'), action: 'failed', detail: 'denied' },
  {
    id: 'd',
    key: key('Secret', 'ns', 's'),
    action: 'created',
    detail: 'created',
    resumed: true,
    warnings: ['status not restored: gone'],
  },
];
const PLAN: RestorePlan = {
  steps: [],
  skipped: [],
  problems: [],
  warnings: ['ownership cycle: x'],
  total: 4,
};

describe('restore results', () => {
  it('count outcomes by action', () => {
    expect(countOutcomes(OUTCOMES)).toEqual({
      total: 4,
      created: 2,
      updated: 0,
      skipped: 1,
      failed: 1,
      resumed: 1,
      differing: 1,
    });
  });

  it('list resources the way Velero does, with the action of each', () => {
    expect(buildResourceList(OUTCOMES)).toEqual({
      'v1/ConfigMap': ['ns/a(failed)', 'ns/b(skipped)'],
      'v1/Namespace': ['ns(created)'],
      'v1/Secret': ['ns/s(created)'],
    });
  });

  it('turn failures into errors and differences and item warnings into warnings, per namespace', () => {
    expect(buildResults(OUTCOMES, PLAN)).toEqual({
      errors: { namespaces: { ns: ['error restoring ConfigMap "a": denied'] } },
      warnings: {
        velero: ['ownership cycle: x'],
        namespaces: {
          ns: [
            'could not restore, ConfigMap "b" already exists. Warning: the in-cluster version is different than the backed-up version (1 field: /data/a)',
            'Secret "s": status not restored: gone',
          ],
        },
      },
    });
  });

  it.each([
    ['a created object', OUTCOMES[0]!, 'Created Namespace ns: created'],
    [
      'a differing object with its paths',
      OUTCOMES[1]!,
      'Skipped ConfigMap ns/b: already exists and differs (differs in 1 field: /data/a)',
    ],
    ['an object with warnings', OUTCOMES[3]!, 'Created Secret ns/s: created (status not restored: gone)'],
  ])('describe %s in one log line', (_name, outcome, line) => {
    expect(outcomeLine(outcome)).toBe(line);
  });
});
