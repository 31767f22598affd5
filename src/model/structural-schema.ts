/** Turns zod's JSON Schema (OpenAPI 3.0 target) into a Kubernetes structural schema for a CRD (pure). */
import { z } from 'zod';

/** A JSON Schema / OpenAPI v3 schema object. */
export type JsonSchema = { [keyword: string]: unknown };

/** A schema that cannot be expressed as a structural schema; names the keyword's path (`$.properties.a.type`). */
export class StructuralSchemaError extends Error {
  /** The stable error code. */
  readonly code = 'crd.unstructural';

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'StructuralSchemaError';
  }
}

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';

// What apiextensions.k8s.io/v1 JSONSchemaProps accepts, besides x-kubernetes-* extensions.
const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'enum',
  'maxProperties',
  'minProperties',
  'required',
  'nullable',
  'example',
]);
// Annotations that carry no validation, dropped rather than refused.
const DROPPED = new Set([
  '$schema',
  '$id',
  'id',
  '$comment',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const JUNCTORS = ['anyOf', 'oneOf', 'allOf'] as const;
// Keywords a branch of anyOf/oneOf/allOf/not may not carry in a structural schema.
const NOT_IN_BRANCH = ['type', 'description', 'default', 'additionalProperties', 'nullable', 'title'];
// Go's regexp (RE2) has no look-around and no back-references; the API server would refuse the CRD.
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]/;

/** Generates zod's JSON Schema for `schema` (input side, OpenAPI 3.0 target) and converts it. */
export function structuralFromZod(schema: z.ZodType): JsonSchema {
  return structuralSchema(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as JsonSchema);
}

/**
 * Converts a JSON Schema to a structural schema: `$ref` inlined, objects with declared
 * properties lose `additionalProperties` (the server prunes unknown fields; an open object
 * preserves them), free-form values preserve unknown fields, `const` becomes `enum`, type lists
 * with `null` become `nullable`. Anything with no structural form throws StructuralSchemaError.
 */
export function structuralSchema(root: JsonSchema): JsonSchema {
  const defs = { ...(root.$defs as object), ...(root.definitions as object) } as Record<string, JsonSchema>;
  return convert(root, '$', { defs, seen: [] });
}

interface Context {
  defs: Record<string, JsonSchema>;
  seen: string[];
}

function convert(input: JsonSchema, path: string, outer: Context): JsonSchema {
  const [schema, ctx] = inlineRef(input, path, outer);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (KEPT.has(key) || key.startsWith('x-kubernetes-')) out[key] = value;
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties') out.properties = convertMap(value, `${path}.properties`, ctx);
    else if (key === 'items') out.items = convertItems(value, `${path}.items`, ctx);
    else if (key === 'not') out.not = branch(value as JsonSchema, `${path}.not`);
    else if ((JUNCTORS as readonly string[]).includes(key)) continue;
    else if (['additionalProperties', 'propertyNames', '$defs', 'definitions'].includes(key)) continue;
    else if (!DROPPED.has(key)) throw new StructuralSchemaError(`${path}.${key}`, 'has no structural form');
  }
  typeOf(schema, out, path);
  objectShape(schema, out, path, ctx);
  for (const junctor of JUNCTORS) {
    const branches = schema[junctor] as JsonSchema[] | undefined;
    if (branches) out[junctor] = branches.map((b, i) => branch(b, `${path}.${junctor}[${i}]`));
  }
  if (typeof out.pattern === 'string' && NOT_RE2.test(out.pattern))
    throw new StructuralSchemaError(
      `${path}.pattern`,
      'uses look-around or back-references, which Go regexp lacks',
    );
  return out;
}

// Returns the schema with its $ref resolved, and the context its children are converted in.
function inlineRef(schema: JsonSchema, path: string, ctx: Context): [JsonSchema, Context] {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return [schema, ctx];
  const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
  const target = ctx.defs[name];
  if (!target) throw new StructuralSchemaError(`${path}.$ref`, `unknown reference ${ref}`);
  if (ctx.seen.includes(name))
    throw new StructuralSchemaError(
      `${path}.$ref`,
      `${ref} is recursive, which a structural schema cannot express`,
    );
  const { $ref: _ignored, ...rest } = schema;
  return inlineRef({ ...target, ...rest }, path, { ...ctx, seen: [...ctx.seen, name] });
}

// `type: [T, 'null']` → `type: T, nullable: true`; a missing type is allowed only on free-form values.
function typeOf(schema: JsonSchema, out: JsonSchema, path: string): void {
  const type = schema.type;
  if (Array.isArray(type)) {
    const real = type.filter((t) => t !== 'null');
    if (real.length !== 1)
      throw new StructuralSchemaError(`${path}.type`, `a value of several types (${type.join(', ')})`);
    out.type = real[0];
    if (real.length < type.length) out.nullable = true;
  }
  if (out.type === undefined && !out[PRESERVE] && !out['x-kubernetes-int-or-string']) {
    if (hasUnion(schema)) throw new StructuralSchemaError(path, 'a union of types has no structural form');
    out[PRESERVE] = true;
  }
}

function hasUnion(schema: JsonSchema): boolean {
  return JUNCTORS.some((j) =>
    (schema[j] as JsonSchema[] | undefined)?.some((b) => 'type' in b || '$ref' in b),
  );
}

// `properties` + `additionalProperties` may not meet; open objects preserve unknown fields.
function objectShape(schema: JsonSchema, out: JsonSchema, path: string, ctx: Context): void {
  const extra = schema.additionalProperties;
  const names = schema.propertyNames as JsonSchema | undefined;
  if (names && Object.keys(names).some((k) => k !== 'type'))
    throw new StructuralSchemaError(`${path}.propertyNames`, 'constrained keys have no structural form');
  if (extra === undefined || extra === false) return;
  const open = extra === true || (typeof extra === 'object' && Object.keys(extra as object).length === 0);
  if (open) out[PRESERVE] = true;
  else if (schema.properties)
    throw new StructuralSchemaError(`${path}.additionalProperties`, 'typed extra keys next to properties');
  else out.additionalProperties = convert(extra as JsonSchema, `${path}.additionalProperties`, ctx);
}

function convertMap(value: unknown, path: string, ctx: Context): JsonSchema {
  const entries = Object.entries(value as Record<string, JsonSchema>);
  return Object.fromEntries(entries.map(([name, s]) => [name, convert(s, `${path}.${name}`, ctx)]));
}

function convertItems(value: unknown, path: string, ctx: Context): JsonSchema {
  if (Array.isArray(value)) throw new StructuralSchemaError(path, 'a tuple has no structural form');
  return convert(value as JsonSchema, path, ctx);
}

// Branches of junctors carry value validations only; the types live outside them.
function branch(schema: JsonSchema, path: string): JsonSchema {
  for (const key of NOT_IN_BRANCH)
    if (key in schema)
      throw new StructuralSchemaError(`${path}.${key}`, 'not allowed inside anyOf/oneOf/allOf/not');
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') out.properties = mapBranches(value, `${path}.properties`);
    else if (key === 'items') out.items = branch(value as JsonSchema, `${path}.items`);
    else if (key === 'not') out.not = branch(value as JsonSchema, `${path}.not`);
    else if ((JUNCTORS as readonly string[]).includes(key))
      out[key] = (value as JsonSchema[]).map((b, i) => branch(b, `${path}.${key}[${i}]`));
    else if (KEPT.has(key)) out[key] = value;
    else if (key === 'const') out.enum = [value];
    else throw new StructuralSchemaError(`${path}.${key}`, 'has no structural form inside a junctor');
  }
  return out;
}

function mapBranches(value: unknown, path: string): JsonSchema {
  const entries = Object.entries(value as Record<string, JsonSchema>);
  return Object.fromEntries(entries.map(([name, s]) => [name, branch(s, `${path}.${name}`)]));
}
