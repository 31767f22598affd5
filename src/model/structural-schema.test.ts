import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type JsonSchema,
  StructuralSchemaError,
  structuralFromZod,
  structuralSchema,
} from './structural-schema.js';

describe('structuralSchema', () => {
  it.each<[string, JsonSchema, JsonSchema]>([
    ['drops $schema', { $schema: 'x', type: 'string' }, { type: 'string' }],
    ['turns const into enum', { type: 'string', const: 'A' }, { type: 'string', enum: ['A'] }],
    [
      'turns a type list with null into nullable',
      { type: ['string', 'null'] },
      { type: 'string', nullable: true },
    ],
    [
      'drops additionalProperties: false next to properties (the server prunes)',
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      { type: 'object', properties: { a: { type: 'string' } } },
    ],
    [
      'keeps unknown fields of an open object',
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: {} },
      { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
    ],
    [
      'keeps a map of typed values',
      { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } },
      { type: 'object', additionalProperties: { type: 'string' } },
    ],
    ['preserves a free-form value', {}, { 'x-kubernetes-preserve-unknown-fields': true }],
    [
      'inlines a $ref',
      { $defs: { s: { type: 'string' } }, type: 'object', properties: { a: { $ref: '#/$defs/s' } } },
      { type: 'object', properties: { a: { type: 'string' } } },
    ],
    [
      'keeps value-only junctors',
      { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] },
      { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] },
    ],
  ])('%s', (_name, input, expected) => {
    expect(structuralSchema(input)).toEqual(expected);
  });

  it.each<[string, JsonSchema, string]>([
    ['a union of types', { anyOf: [{ type: 'string' }, { type: 'number' }] }, '$: a union of types'],
    ['a type list', { type: ['string', 'number'] }, '$.type: a value of several types'],
    ['a look-ahead pattern', { type: 'string', pattern: '^(?!x)' }, '$.pattern: uses look-around'],
    ['a tuple', { type: 'array', items: [{ type: 'string' }] }, '$.items: a tuple'],
    [
      'typed extra keys next to properties',
      { type: 'object', properties: { a: {} }, additionalProperties: { type: 'string' } },
      '$.additionalProperties: typed extra keys',
    ],
    [
      'a recursive reference',
      { $defs: { n: { type: 'object', properties: { next: { $ref: '#/$defs/n' } } } }, $ref: '#/$defs/n' },
      '$.properties.next.$ref: #/$defs/n is recursive',
    ],
    [
      'an unknown keyword',
      { type: 'object', patternProperties: {} },
      '$.patternProperties: has no structural form',
    ],
    [
      'a type inside a junctor',
      { type: 'object', oneOf: [{ type: 'string' }] },
      '$.oneOf[0].type: not allowed',
    ],
  ])('refuses %s, naming where', (_name, input, message) => {
    expect(() => structuralSchema(input)).toThrow(StructuralSchemaError);
    expect(() => structuralSchema(input)).toThrow(message);
  });
});

describe('structuralFromZod', () => {
  it('converts a zod schema, exclusive bounds in the OpenAPI 3.0 form', () => {
    const schema = z.strictObject({ n: z.number().positive(), s: z.string().nullish(), l: z.literal('x') });
    expect(structuralFromZod(schema)).toEqual({
      type: 'object',
      properties: {
        n: { type: 'number', minimum: 0, exclusiveMinimum: true },
        s: { type: 'string', nullable: true },
        l: { type: 'string', enum: ['x'] },
      },
      required: ['n', 'l'],
    });
  });
});
