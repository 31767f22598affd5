/** Tests of namespace-mapping parsing. */
import { describe, expect, it } from 'vitest';
import { parseNamespaceMapping } from './filters.js';

describe('namespace mappings', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['read one pair', ['a:b'], { a: 'b' }],
    ['read comma-separated and repeated pairs', ['a:b,c:d', 'e:f'], { a: 'b', c: 'd', e: 'f' }],
    ['ignore empty entries and spaces', [' a:b , '], { a: 'b' }],
    ['accept the same pair twice', ['a:b', 'a:b'], { a: 'b' }],
  ])('%s', (_name, input, expected) => {
    expect(parseNamespaceMapping(input)).toEqual(expected);
  });

  it.each([
    ['a pair without a colon', ['a'], 'invalid namespace mapping "a": want old:new'],
    ['a name that is not a DNS label', ['A:b'], 'invalid namespace mapping "A:b"'],
    ['three parts', ['a:b:c'], 'invalid namespace mapping "a:b:c"'],
    ['one namespace mapped twice', ['a:b,a:c'], 'namespace a is mapped twice (b, c)'],
  ])('reject %s', (_name, input, message) => {
    expect(() => parseNamespaceMapping(input)).toThrow(message);
  });
});
