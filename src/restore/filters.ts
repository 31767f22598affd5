/** Which backed-up items a restore takes, with Velero's semantics and a reason for every decision (pure). */

import { compileSelection, type Decision, type SelectableResource } from '../backup/selection.js';
import type { BackupItem } from '../format/index.js';
import { groupResource } from '../model/resource-key.js';
import { LABELS, readAnnotation, SYSTEM_NAMESPACE } from '../model/vocabulary.js';
import { RestoreError } from './errors.js';
import { isNonRestorable } from './priorities.js';
import type { RestoreFilterOptions } from './types.js';

/** Namespace of restore/move journals in the target. */
export const JOURNAL_NAMESPACE = SYSTEM_NAMESPACE;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A compiled restore selection. */
export interface RestoreSelection {
  /** Whether an item is restored, and why. */
  item(item: BackupItem): Decision;
  /** Whether a CRD would be restored if cluster-scoped resources were included (for auto-including CRDs). */
  crdCandidate(item: BackupItem): Decision;
  /** The namespace an object from `namespace` goes to. */
  mapNamespace(namespace: string): string;
}

/** Compiles the filter options; throws on an invalid label selector. */
export function compileRestoreSelection(options: RestoreFilterOptions): RestoreSelection {
  const selection = compileSelection(options);
  const withClusterScope = compileSelection({ ...options, includeClusterResources: true });
  const mapping = options.namespaceMapping ?? {};
  const decide = (sel: typeof selection, item: BackupItem): Decision => {
    const fixed = fixedDecision(item);
    if (fixed) return fixed;
    const r = selectable(item);
    const byResource = sel.resource(r);
    if (!byResource.include) return byResource;
    return sel.object(item.object, r);
  };
  return {
    item: (item) => decide(selection, item),
    crdCandidate: (item) => decide(withClusterScope, item),
    mapNamespace: (namespace) => mapping[namespace] ?? namespace,
  };
}

/** Parses `old:new` pairs (repeatable, comma-separated) into a mapping; throws restore.invalid. */
export function parseNamespaceMapping(pairs: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(',')).map((p) => p.trim())) {
    if (!pair) continue;
    const [from, to, extra] = pair.split(':');
    if (!from || !to || extra !== undefined || !DNS_LABEL.test(from) || !DNS_LABEL.test(to)) {
      throw new RestoreError(
        'restore.invalid',
        `invalid namespace mapping ${JSON.stringify(pair)}: want old:new`,
      );
    }
    if (mapping[from] !== undefined && mapping[from] !== to) {
      throw new RestoreError(
        'restore.invalid',
        `namespace ${from} is mapped twice (${mapping[from]}, ${to})`,
      );
    }
    mapping[from] = to;
  }
  return mapping;
}

function selectable(item: BackupItem): SelectableResource {
  return {
    group: item.group,
    resource: item.resource,
    kind: item.object.kind,
    namespaced: item.namespace !== '',
    verbs: ['list'],
  };
}

// Decisions no flag overrides.
function fixedDecision(item: BackupItem): Decision | undefined {
  if (isNonRestorable(item.resource, item.group))
    return { include: false, reason: `${groupResource(item)} is never restored` };
  if (item.namespace === JOURNAL_NAMESPACE && readAnnotation(item.object.metadata.labels, LABELS.journal))
    return { include: false, reason: 'a driftline journal of another restore or move' };
  if (item.object.metadata.deletionTimestamp)
    return { include: false, reason: 'was being deleted when backed up' };
  return undefined;
}
