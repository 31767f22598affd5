import { describe, expect, it } from 'vitest';
import { compareObjects, deepEqual, type FieldChange } from './compare.js';

const cases: [string, unknown, unknown, FieldChange[]][] = [
  ['reports nothing for equal objects', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, []],
  ['reports a changed scalar', { a: 1 }, { a: 2 }, [{ path: '/a', op: 'replace', old: 1, new: 2 }]],
  ['reports an added key', { a: 1 }, { a: 1, b: 'x' }, [{ path: '/b', op: 'add', new: 'x' }]],
  ['reports a removed key', { a: 1, b: 'x' }, { a: 1 }, [{ path: '/b', op: 'remove', old: 'x' }]],
  [
    'reports a nested change with its full path',
    { spec: { template: { replicas: 1 } } },
    { spec: { template: { replicas: 3 } } },
    [{ path: '/spec/template/replicas', op: 'replace', old: 1, new: 3 }],
  ],
  [
    'escapes / and ~ in keys (RFC 6901)',
    { metadata: { labels: { 'cluster.x-k8s.io/role': 'a', 'x~y': '1' } } },
    { metadata: { labels: { 'cluster.x-k8s.io/role': 'b', 'x~y': '2' } } },
    [
      { path: '/metadata/labels/cluster.x-k8s.io~1role', op: 'replace', old: 'a', new: 'b' },
      { path: '/metadata/labels/x~0y', op: 'replace', old: '1', new: '2' },
    ],
  ],
  [
    'compares plain arrays index by index',
    { args: ['a', 'b', 'c'] },
    { args: ['a', 'x'] },
    [
      { path: '/args/1', op: 'replace', old: 'b', new: 'x' },
      { path: '/args/2', op: 'remove', old: 'c' },
    ],
  ],
  [
    'reports elements appended to a plain array',
    { args: ['a'] },
    { args: ['a', 'b'] },
    [{ path: '/args/1', op: 'add', new: 'b' }],
  ],
  [
    'matches lists of named objects by name, ignoring order',
    {
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1' },
      ],
    },
    {
      containers: [
        { name: 'b', image: 'b:1' },
        { name: 'a', image: 'a:1' },
      ],
    },
    [],
  ],
  [
    'reports a change inside a named element at its index in the new object',
    {
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1' },
      ],
    },
    {
      containers: [
        { name: 'new', image: 'n:1' },
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:2' },
      ],
    },
    [
      { path: '/containers/0', op: 'add', new: { name: 'new', image: 'n:1' } },
      { path: '/containers/2/image', op: 'replace', old: 'b:1', new: 'b:2' },
    ],
  ],
  [
    'reports a removed named element at its index in the old object',
    { volumes: [{ name: 'a' }, { name: 'b' }] },
    { volumes: [{ name: 'b' }] },
    [{ path: '/volumes/0', op: 'remove', old: { name: 'a' } }],
  ],
  [
    'falls back to indices when names repeat',
    {
      env: [
        { name: 'A', value: '1' },
        { name: 'A', value: '2' },
      ],
    },
    {
      env: [
        { name: 'A', value: '1' },
        { name: 'A', value: '3' },
      ],
    },
    [{ path: '/env/1/value', op: 'replace', old: '2', new: '3' }],
  ],
  [
    'replaces a value whose type changed',
    { a: { b: 1 } },
    { a: [1] },
    [{ path: '/a', op: 'replace', old: { b: 1 }, new: [1] }],
  ],
  [
    'orders numeric path tokens numerically',
    { a: Array.from({ length: 11 }, () => 0) },
    { a: Array.from({ length: 11 }, () => 1) },
    Array.from({ length: 11 }, (_, i) => ({ path: `/a/${i}`, op: 'replace' as const, old: 0, new: 1 })),
  ],
];

describe('compareObjects', () => {
  it.each(cases)('%s', (_name, from, to, expected) => {
    expect(compareObjects(from, to)).toEqual(expected);
  });
});

describe('deepEqual', () => {
  const eq: [string, unknown, unknown, boolean][] = [
    ['ignores key order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['distinguishes null from a missing key', { a: null }, {}, false],
    ['compares arrays by position', [1, 2], [2, 1], false],
  ];
  it.each(eq)('%s', (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
