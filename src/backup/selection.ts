/** What a backup captures, with Velero's semantics for namespaces, resources, scope and labels (pure). */

import { type LabelSelector, matchesLabelSelector, parseLabelSelector } from '../model/label-selector.js';
import { groupResource, type KubeObject } from '../model/resource-key.js';

/** The label that opts an object out of every backup (Velero's). */
export const EXCLUDE_LABEL = 'velero.io/exclude-from-backup';

/** Options as the user gives them (Velero's flag names). */
export interface SelectionOptions {
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  includeResources?: string[];
  excludeResources?: string[];
  /** undefined = Velero's default: cluster-scoped resources only when backing up all namespaces. */
  includeClusterResources?: boolean;
  labelSelector?: string;
}

/** A resource type as discovery describes it. */
export interface SelectableResource {
  group: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  verbs: string[];
}

/** Why something was included or left out; filters return reasons, not booleans. */
export interface Decision {
  include: boolean;
  reason: string;
}

/** A compiled selection. */
export interface Selection {
  options: SelectionOptions;
  resource(r: SelectableResource): Decision;
  namespace(ns: string): Decision;
  object(obj: KubeObject, resource: SelectableResource): Decision;
}

/** Compiles options into a Selection; throws on an invalid label selector. */
export function compileSelection(options: SelectionOptions): Selection {
  const includeNs = globs(options.includeNamespaces, ['*']);
  const excludeNs = globs(options.excludeNamespaces, []);
  const selector: LabelSelector | undefined = options.labelSelector
    ? parseLabelSelector(options.labelSelector)
    : undefined;
  const allNamespaces = includeNs.some((g) => g.source === '^.*$');

  const namespace = (ns: string): Decision => {
    if (excludeNs.some((g) => g.test(ns))) return { include: false, reason: `namespace ${ns} is excluded` };
    if (!includeNs.some((g) => g.test(ns)))
      return { include: false, reason: `namespace ${ns} is not included` };
    return { include: true, reason: `namespace ${ns} is included` };
  };

  const resource = (r: SelectableResource): Decision => {
    if (!r.verbs.includes('list')) return { include: false, reason: `${r.resource} cannot be listed` };
    if (matchesAny(r, options.excludeResources))
      return { include: false, reason: `${groupResource(r)} is excluded` };
    if (
      options.includeResources?.length &&
      !options.includeResources.includes('*') &&
      !matchesAny(r, options.includeResources)
    ) {
      return { include: false, reason: `${groupResource(r)} is not in --include-resources` };
    }
    if (!r.namespaced && r.resource !== 'namespaces') {
      const clusterScoped = options.includeClusterResources ?? allNamespaces;
      if (!clusterScoped)
        return {
          include: false,
          reason: `${groupResource(r)} is cluster-scoped and cluster resources are not included`,
        };
    }
    return { include: true, reason: `${groupResource(r)} is included` };
  };

  const object = (obj: KubeObject, r: SelectableResource): Decision => {
    const labels = obj.metadata.labels ?? {};
    if (labels[EXCLUDE_LABEL] === 'true') return { include: false, reason: `labelled ${EXCLUDE_LABEL}=true` };
    const ns = r.namespaced
      ? (obj.metadata.namespace ?? '')
      : r.resource === 'namespaces'
        ? obj.metadata.name
        : '';
    if (ns) {
      const d = namespace(ns);
      if (!d.include) return d;
    }
    if (selector && !matchesLabelSelector(selector, labels))
      return { include: false, reason: 'does not match the label selector' };
    return { include: true, reason: 'selected' };
  };

  return { options, resource, namespace, object };
}

// Velero accepts plural, plural.group, kind and short names, case-insensitively.
function matchesAny(r: SelectableResource, names: string[] | undefined): boolean {
  if (!names?.length) return false;
  const candidates = new Set(
    [r.resource, groupResource(r), r.kind.toLowerCase(), ...(r.shortNames ?? [])].map((s) => s.toLowerCase()),
  );
  return names.some((n) => n === '*' || candidates.has(n.toLowerCase()));
}

function globs(patterns: string[] | undefined, fallback: string[]): RegExp[] {
  const list = patterns?.length ? patterns : fallback;
  return list.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
}
