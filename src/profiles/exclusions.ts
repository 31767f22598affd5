/** Drift exclusions (paths allowed to differ) and ignore annotations (objects never corrected) (pure). */
import { parsePointer } from '../diff/index.js';
import { matchesLabelSelector } from '../model/label-selector.js';
import { type KubeObject, keyOf } from '../model/resource-key.js';
import type { DriftExclusion, ExclusionTarget } from './types.js';
import { IGNORE_ANNOTATIONS } from './types.js';

/** The excluded JSON Pointers that apply to `object` (a desired or live copy of it). */
export function excludedPaths(exclusions: readonly DriftExclusion[], object: KubeObject): string[] {
  return exclusions
    .filter((e) => !e.target || targetReason(e.target, object) === undefined)
    .flatMap((e) => e.paths);
}

/** Why `target` does not select `object`, or undefined when it does. */
export function targetReason(target: ExclusionTarget, object: KubeObject): string | undefined {
  const key = keyOf(object);
  const fields = ['group', 'version', 'kind', 'namespace', 'name'] as const;
  for (const field of fields) {
    const want = target[field];
    if (want !== undefined && want !== key[field])
      return `${field} is ${key[field] || '(empty)'}, not ${want}`;
  }
  if (target.labelSelector && !matchesLabelSelector(target.labelSelector, object.metadata.labels ?? {}))
    return 'labels do not match the target labelSelector';
  return undefined;
}

/** True when `path` is one of `patterns` or lies under one; `*` in a pattern matches any one token. */
export function isExcluded(path: string, patterns: readonly string[]): boolean {
  const tokens = parsePointer(path);
  return patterns.some((pattern) => {
    const want = parsePointer(pattern);
    return want.length <= tokens.length && want.every((t, i) => t === '*' || t === tokens[i]);
  });
}

/** Why a live object must not be corrected (an ignore annotation set to "true"), or undefined. */
export function ignoreReason(live: KubeObject | undefined): string | undefined {
  const annotations = live?.metadata.annotations ?? {};
  const found = IGNORE_ANNOTATIONS.find((a) => annotations[a] === 'true');
  return found && `annotated ${found}: "true"`;
}
