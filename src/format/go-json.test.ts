import { describe, expect, it } from 'vitest';
import { encodeGoJson } from './go-json.js';

describe('Go-compatible JSON', () => {
  it.each<[string, unknown, string]>([
    [
      'sorts keys at every depth',
      { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } },
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    ],
    [
      'escapes HTML characters and line separators',
      { s: '<a href="x">&\u2028' },
      '{"s":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028"}',
    ],
    ['drops undefined fields', { a: undefined, b: 1 }, '{"b":1}'],
    ['keeps a __proto__ key as data', JSON.parse('{"__proto__":{"x":1}}'), '{"__proto__":{"x":1}}'],
    [
      'keeps a __proto__ key in an object copied for a later child',
      JSON.parse('{"__proto__":1,"a":{"z":1,"y":2}}'),
      '{"__proto__":1,"a":{"y":2,"z":1}}',
    ],
    [
      'sorts a child that follows sorted ones in a sorted object',
      { a: { x: 1 }, b: [1, { d: 1, c: 2 }], c: { b: 1, a: 2 } },
      '{"a":{"x":1},"b":[1,{"c":2,"d":1}],"c":{"a":2,"b":1}}',
    ],
    [
      'drops an undefined field in the middle of a sorted object',
      { a: 1, b: undefined, c: 3 },
      '{"a":1,"c":3}',
    ],
    ['encodes undefined array elements as null, like JSON', [1, undefined], '[1,null]'],
  ])('%s', (_name, value, json) => {
    expect(encodeGoJson(value)).toBe(json);
  });
});
