/** Namespace mapping inside specs: object references that name a mapped namespace follow it. */
import type { KubeObject } from '../../model/resource-key.js';
import { isRecord } from './common.js';

/**
 * Rewrites `namespace` in every reference-shaped value under `spec` (an object with string `kind`,
 * `name` and `namespace`, as v1beta1 Cluster API refs are) whose namespace is mapped.
 * Returns the paths rewritten.
 */
export function mapReferenceNamespaces(object: KubeObject, mapping: Record<string, string>): string[] {
  if (Object.keys(mapping).length === 0 || !isRecord(object.spec)) return [];
  const rewritten: string[] = [];
  walk(object.spec, 'spec', mapping, rewritten);
  return rewritten;
}

function walk(value: unknown, path: string, mapping: Record<string, string>, out: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, mapping, out);
    return;
  }
  if (!isRecord(value)) return;
  const ns = value.namespace;
  if (typeof value.kind === 'string' && typeof value.name === 'string' && typeof ns === 'string') {
    const to = mapping[ns];
    if (to !== undefined) {
      value.namespace = to;
      out.push(`${path}.namespace`);
    }
  }
  for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, mapping, out);
}
