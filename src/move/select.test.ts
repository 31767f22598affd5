/** Tests of cluster selection by name. */
import { describe, expect, it } from 'vitest';
import { src } from '../../test/support/move/objects.js';
import { selectClusters } from './select.js';

const objects = [
  src('Cluster', 'prod', { ns: 'a' }),
  src('Cluster', 'prod', { ns: 'b' }),
  src('Cluster', 'dev', { ns: 'a' }),
  src('Secret', 'x', { ns: 'a' }),
];

describe('cluster selection', () => {
  it.each<[string, string[], string[]]>([
    ['every cluster when none is named', [], ['a/dev', 'a/prod', 'b/prod']],
    ['a unique name', ['dev'], ['a/dev']],
    ['namespace/name', ['b/prod'], ['b/prod']],
  ])('takes %s', (_name, names, expected) => {
    expect([...selectClusters(objects, names)].sort()).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['an unknown cluster', 'ghost', 'cluster ghost was not found in the selected namespaces of the source'],
    ['an ambiguous name', 'prod', 'cluster prod is ambiguous (a/prod, b/prod): use namespace/name'],
  ])('refuses %s', (_name, name, message) => {
    expect(() => selectClusters(objects, [name])).toThrow(message);
  });
});
