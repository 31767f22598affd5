import { describe, expect, it } from 'vitest';
import { REDACTED, REDACTED_CHANGED } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { evaluateDrift } from './drift.js';

const cm = (data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'ns', labels: { team: 'a' } },
  data,
  ...extra,
});

const deployment = (container: Record<string, unknown>, replicas = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns' },
  spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'app:1', ...container }] } } },
});

const cases: [string, KubeObject, KubeObject | undefined, string[], unknown][] = [
  ['reports nothing when live equals desired', cm({ a: '1' }), cm({ a: '1' }), [], []],
  [
    'reports a changed value desired → live',
    cm({ a: '1' }),
    cm({ a: '2' }),
    [],
    [{ path: '/data/a', op: 'replace', old: '1', new: '2' }],
  ],
  ['ignores keys the profile does not set', cm({ a: '1' }), cm({ a: '1', extra: 'x' }), [], []],
  [
    'reports a removed key the profile sets',
    cm({ a: '1', b: '2' }),
    cm({ a: '1' }),
    [],
    [{ path: '/data/b', op: 'remove', old: '2' }],
  ],
  [
    'ignores server metadata, status and other labels',
    cm({ a: '1' }),
    {
      ...cm({ a: '1' }),
      metadata: {
        name: 'c',
        namespace: 'ns',
        uid: 'u',
        resourceVersion: '9',
        labels: { team: 'a', other: 'x' },
        managedFields: [],
      },
      status: { x: 1 },
    },
    [],
    [],
  ],
  [
    'reports a changed label the profile sets',
    cm({ a: '1' }),
    { ...cm({ a: '1' }), metadata: { name: 'c', namespace: 'ns', labels: { team: 'b' } } },
    [],
    [{ path: '/metadata/labels/team', op: 'replace', old: 'a', new: 'b' }],
  ],
  [
    'ignores server-defaulted fields inside named list elements',
    deployment({}),
    deployment({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }),
    [],
    [],
  ],
  [
    'reports a changed image inside a named list element',
    deployment({}),
    deployment({ image: 'app:2' }),
    [],
    [{ path: '/spec/template/spec/containers/0/image', op: 'replace', old: 'app:1', new: 'app:2' }],
  ],
  [
    'ignores a container another manager added',
    deployment({}),
    {
      ...deployment({}),
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'app:1' },
              { name: 'sidecar', image: 's' },
            ],
          },
        },
      },
    },
    [],
    [],
  ],
  [
    'treats a canonicalised quantity as equal',
    deployment({ resources: { limits: { cpu: '0.5', memory: '1024Mi' } } }),
    deployment({ resources: { limits: { cpu: '500m', memory: '1Gi' } } }),
    [],
    [],
  ],
  [
    'treats a zero value the server omitted as equal',
    { ...cm({ a: '1' }), immutable: false },
    cm({ a: '1' }),
    [],
    [],
  ],
  [
    'drops changes under an excluded path',
    deployment({}, 2),
    deployment({ image: 'app:2' }, 5),
    ['/spec/replicas'],
    [{ path: '/spec/template/spec/containers/0/image', op: 'replace', old: 'app:1', new: 'app:2' }],
  ],
  [
    'matches * in an excluded path against any one token',
    deployment({}),
    deployment({ image: 'app:2' }),
    ['/spec/template/spec/containers/*/image'],
    [],
  ],
  ['reports a deleted object as missing', cm({ a: '1' }), undefined, [], [{ path: '', op: 'remove' }]],
];

describe('evaluateDrift', () => {
  it.each(cases)('%s', (_name, desired, live, excluded, changes) => {
    expect(evaluateDrift(desired, live, excluded).changes).toEqual(changes);
  });

  it('compares Secret stringData with the base64 data the server stores, redacting values', () => {
    const desired: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { pw: 'hunter2' },
    };
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const same = { ...desired, stringData: undefined, data: { pw: b64('hunter2') } };
    expect(evaluateDrift(desired, same).kind).toBe('in-sync');
    const changed = evaluateDrift(desired, { ...same, data: { pw: b64('swordfish') } });
    expect(changed.changes).toEqual([
      { path: '/data/pw', op: 'replace', old: REDACTED, new: REDACTED_CHANGED },
    ]);
    expect(JSON.stringify(changed)).not.toMatch(/hunter2|swordfish|aHVudGVy|c3dvcmRmaXNo/);
  });
});
