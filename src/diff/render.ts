/** Unified-diff rendering of two objects as YAML, Secret values redacted (pure). */
import { stringify } from 'yaml';
import type { KubeObject } from '../model/resource-key.js';
import { unifiedDiff } from './line-diff.js';
import { redactPair } from './redact.js';

/** Options for {@link renderObjectDiff}. */
export interface RenderDiffOptions {
  fromLabel?: string;
  toLabel?: string;
  context?: number;
}

/**
 * Unified diff of `from` → `to` (either may be missing: an added or removed object), rendered as
 * YAML with sorted keys so key order never shows as a change. Pass normalised objects. Secret
 * values are replaced by markers first; a changed value shows as `(redacted, value changed)`.
 */
export function renderObjectDiff(
  from: KubeObject | undefined,
  to: KubeObject | undefined,
  options: RenderDiffOptions = {},
): string {
  const [a, b] = redactPair(from, to);
  return unifiedDiff(toYaml(a), toYaml(b), {
    fromLabel: options.fromLabel ?? (from ? 'from' : '/dev/null'),
    toLabel: options.toLabel ?? (to ? 'to' : '/dev/null'),
    context: options.context,
  });
}

/** Stable YAML of an object (sorted keys, no line folding); `''` for a missing one. */
export function toYaml(obj: unknown): string {
  if (obj === undefined) return '';
  return stringify(obj, { sortMapEntries: true, lineWidth: 0 });
}
