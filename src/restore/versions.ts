/** Which version of each item to restore, given what the target serves and the CRDs the restore brings (pure). */

import type { ApiResource } from '../adapters/kube/discovery.js';
import { pickVersion } from '../apply/index.js';
import type { BackupItem } from '../format/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { groupResource } from '../model/resource-key.js';
import { isRecord } from './transforms/index.js';
import type { ExistingResourcePolicy, TargetResource } from './types.js';

/** What a CRD in the restore will make the target serve. */
export interface PendingCrd {
  kind: string;
  namespaced: boolean;
  versions: string[];
}

/** `plural.group` of a CRD object, or undefined when it is not shaped like one. */
export function crdGroupResource(crd: KubeObject): string | undefined {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  if (typeof spec.group !== 'string' || typeof names.plural !== 'string') return undefined;
  return `${names.plural}.${spec.group}`;
}

/** The served versions, kind and scope a CRD object declares (v1 `versions[]` or v1beta1 `version`). */
export function pendingCrdOf(crd: KubeObject): PendingCrd | undefined {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  if (typeof names.kind !== 'string') return undefined;
  const listed = Array.isArray(spec.versions) ? (spec.versions as { name?: string; served?: boolean }[]) : [];
  const versions = listed.filter((v) => v?.served !== false && v?.name).map((v) => v.name as string);
  if (versions.length === 0 && typeof spec.version === 'string') versions.push(spec.version);
  return { kind: names.kind, namespaced: spec.scope !== 'Cluster', versions };
}

/**
 * The CRDs whose versions the target will serve once the restore has written them: those the
 * target lacks (they will be created) and, with policy `update`, those it has (they will be applied).
 */
export function pendingCrds(
  crds: KubeObject[],
  target: readonly ApiResource[],
  policy: ExistingResourcePolicy,
): Map<string, PendingCrd> {
  const out = new Map<string, PendingCrd>();
  for (const crd of crds) {
    const gr = crdGroupResource(crd);
    const pending = pendingCrdOf(crd);
    if (!gr || !pending) continue;
    const exists = target.some((r) => groupResource(r) === gr);
    if (!exists || policy === 'update') out.set(gr, pending);
  }
  return out;
}

/** The chosen copy and where it goes, why it is left out, or why nothing can be restored. */
export type VersionChoice =
  | { item: BackupItem; resource: TargetResource }
  | { skip: string }
  | { problem: string };

/**
 * Picks the copy to restore: the target's preferred version when the backup has it, else the
 * backup's preferred copy when the target serves it, else any served copy.
 */
export function chooseVersion(
  copies: readonly BackupItem[],
  target: readonly ApiResource[],
  pending: ReadonlyMap<string, PendingCrd>,
): VersionChoice {
  const first = copies[0]!;
  const gr = groupResource(first);
  const served = target.filter((r) => r.group === first.group && r.resource === first.resource);
  const crd = pending.get(gr);
  const available = new Set([...served.map((r) => r.version), ...(crd?.versions ?? [])]);
  const version = pickVersion(
    copies.map((c) => ({ version: c.version, preferred: c.preferred })),
    { versions: [...available], preferred: served.find((r) => r.preferred)?.version },
  );
  const item = copies.find((c) => c.version === version);
  if (!item) return { problem: unservedMessage(gr, [...available], copies) };
  const api = served.find((r) => r.version === item.version) ?? served[0];
  if (api && !crd && !api.verbs.includes('create'))
    return { skip: `the target does not allow creating ${gr}` };
  const resource: TargetResource = {
    group: item.group,
    version: item.version,
    resource: item.resource,
    kind: api?.kind ?? crd?.kind ?? item.object.kind,
    namespaced: api?.namespaced ?? crd?.namespaced ?? item.namespace !== '',
  };
  return { item, resource };
}

function unservedMessage(gr: string, available: string[], copies: readonly BackupItem[]): string {
  const held = [...new Set(copies.map((c) => c.version))].join(', ');
  if (available.length === 0)
    return `the target does not serve ${gr}: install its CRD first, or restore the CRD from the backup`;
  return `the target serves ${gr} in ${available.sort().join(', ')} but the backup holds ${held}`;
}
