/** The restore planner: backup items + the target's discovery → ordered steps, skips and problems (pure). */

import type { ApiResource } from '../adapters/kube/discovery.js';
import type { BackupItem } from '../format/index.js';
import type { ResourceKey } from '../model/resource-key.js';
import { groupResource } from '../model/resource-key.js';
import { compileRestoreSelection, type RestoreSelection } from './filters.js';
import { orderSteps } from './order.js';
import { linkOwners } from './owner-links.js';
import { implicitNamespace, type PrepareContext, prepareItem } from './prepare.js';
import type { PlannedObject, PlanOptions, PlanProblem, RestorePlan, SkippedItem } from './types.js';
import { chooseVersion, crdGroupResource, pendingCrds } from './versions.js';

const CRD_RESOURCE = 'customresourcedefinitions';

/** Builds the plan. Problems (unserved resources) are reported, not thrown: callers refuse on them. */
export function buildPlan(
  items: readonly BackupItem[],
  target: readonly ApiResource[],
  options: PlanOptions,
): RestorePlan {
  const selection = compileRestoreSelection(options);
  const skipped: SkippedItem[] = [];
  const warnings: string[] = [];
  const groups = groupCopies(items);
  const chosen = select(groups, selection, options, skipped);
  const crds = chosen.filter((c) => isCrd(c[0]!)).map((c) => c[0]!.object);
  const pending = pendingCrds(crds, target, options.existingResourcePolicy ?? 'none');
  const ctx = prepareContext(options, selection);
  const problems = new Map<string, PlanProblem>();
  const planned: PlannedObject[] = [];
  const ids = new Set<string>();
  for (const copies of chosen) {
    const choice = chooseVersion(copies, target, pending);
    if ('problem' in choice) {
      addProblem(problems, copies[0]!, choice.problem);
      continue;
    }
    if ('skip' in choice) {
      skipped.push({ key: keyOfCopy(copies[0]!), reason: choice.skip });
      continue;
    }
    const prepared = prepareItem(choice.item, choice.resource, ctx);
    if ('skip' in prepared) skipped.push({ key: keyOfCopy(copies[0]!), reason: prepared.skip });
    else if (ids.has(prepared.planned.id))
      skipped.push({
        key: keyOfCopy(copies[0]!),
        reason: `another backed-up object already restores ${prepared.planned.id}`,
      });
    else {
      ids.add(prepared.planned.id);
      planned.push(prepared.planned);
    }
  }
  planned.push(...implicitNamespaces(planned, groups, ctx));
  linkOwners(planned);
  const steps = orderSteps(planned, warnings);
  return { steps, skipped, problems: [...problems.values()], warnings, total: planned.length };
}

/** True when `item` should have its status restored under `restoreStatus` (`*`, plural, plural.group or kind). */
export function wantsStatus(
  item: Pick<BackupItem, 'resource' | 'group' | 'object'>,
  restoreStatus: readonly string[],
): boolean {
  const names = new Set([item.resource, groupResource(item), item.object.kind].map((n) => n.toLowerCase()));
  return restoreStatus.some((r) => r === '*' || names.has(r.toLowerCase()));
}

function prepareContext(options: PlanOptions, selection: RestoreSelection): PrepareContext {
  const restoreStatus = options.restoreStatus ?? [];
  return {
    restoreName: options.restoreName,
    backupName: options.backupName,
    mapNamespace: selection.mapNamespace,
    namespaceMapping: options.namespaceMapping ?? {},
    wantsStatus: (item) => wantsStatus(item, restoreStatus),
  };
}

// Every copy of one object (Velero may hold several versions) under one identity, in backup order.
function groupCopies(items: readonly BackupItem[]): BackupItem[][] {
  const groups = new Map<string, BackupItem[]>();
  for (const item of items) {
    const id = `${item.resource}.${item.group}/${item.namespace}/${item.name}`;
    const list = groups.get(id) ?? [];
    list.push(item);
    groups.set(id, list);
  }
  for (const list of groups.values()) list.sort((a, b) => Number(b.preferred) - Number(a.preferred));
  return [...groups.values()];
}

function select(
  groups: BackupItem[][],
  selection: RestoreSelection,
  options: PlanOptions,
  skipped: SkippedItem[],
): BackupItem[][] {
  const chosen: BackupItem[][] = [];
  const crdCandidates: BackupItem[][] = [];
  for (const copies of groups) {
    const item = copies[0]!;
    const decision = selection.item(item);
    if (decision.include) chosen.push(copies);
    else if (
      isCrd(item) &&
      options.includeClusterResources === undefined &&
      selection.crdCandidate(item).include
    )
      crdCandidates.push(copies);
    else skipped.push({ key: keyOfCopy(item), reason: decision.reason });
  }
  // Velero's default restores the CRDs of the custom resources it restores, even in a namespaced restore.
  const used = new Set(chosen.map((c) => (c[0]!.group ? `${c[0]!.resource}.${c[0]!.group}` : '')));
  for (const copies of crdCandidates) {
    const gr = crdGroupResource(copies[0]!.object);
    if (gr && used.has(gr)) chosen.unshift(copies);
    else
      skipped.push({
        key: keyOfCopy(copies[0]!),
        reason: 'cluster-scoped and no restored object needs this CRD',
      });
  }
  return chosen;
}

function implicitNamespaces(
  planned: PlannedObject[],
  groups: BackupItem[][],
  ctx: PrepareContext,
): PlannedObject[] {
  const present = new Set(
    planned.filter((p) => p.resource.resource === 'namespaces').map((p) => p.target.name),
  );
  const sourceOf = new Map<string, string>();
  for (const p of planned) if (p.target.namespace) sourceOf.set(p.target.namespace, p.source.namespace);
  const backedUp = new Map(
    groups
      .filter((g) => g[0]!.resource === 'namespaces' && g[0]!.group === '')
      .map((g) => [g[0]!.name, g[0]!]),
  );
  const out: PlannedObject[] = [];
  for (const [ns, sourceNs] of sourceOf) {
    if (present.has(ns)) continue;
    out.push(implicitNamespace(ns, ctx, backedUp.get(sourceNs)));
  }
  return out;
}

function addProblem(problems: Map<string, PlanProblem>, item: BackupItem, message: string): void {
  const resource = groupResource(item);
  const existing = problems.get(resource);
  if (existing) existing.count++;
  else problems.set(resource, { resource, message, count: 1 });
}

function isCrd(item: BackupItem): boolean {
  return item.resource === CRD_RESOURCE && item.group === 'apiextensions.k8s.io';
}

function keyOfCopy(item: BackupItem): ResourceKey {
  return {
    group: item.group,
    version: item.version,
    kind: item.object.kind,
    namespace: item.namespace,
    name: item.name,
  };
}
