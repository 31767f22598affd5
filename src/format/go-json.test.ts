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
  ])('%s', (_name, value, json) => {
    expect(encodeGoJson(value)).toBe(json);
  });
});
