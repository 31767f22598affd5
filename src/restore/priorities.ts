/** Restore order tiers: Velero's priority lists, Cluster API templates, the owner graph, and what is never restored. */
import { isCapiGroup } from '../model/capi-names.js';

/**
 * Velero's default high restore priorities (v1.18, `pkg/cmd/server/server.go`). Velero spells the
 * snapshot class entry in the singular, which never matches a resource; it is plural here.
 */
export const VELERO_HIGH_PRIORITIES: readonly string[] = [
  'customresourcedefinitions',
  'namespaces',
  'storageclasses',
  'volumesnapshotclasses.snapshot.storage.k8s.io',
  'volumesnapshotcontents.snapshot.storage.k8s.io',
  'volumesnapshots.snapshot.storage.k8s.io',
  'datauploads.velero.io',
  'persistentvolumes',
  'persistentvolumeclaims',
  'serviceaccounts',
  'secrets',
  'configmaps',
  'limitranges',
  'pods',
  'replicasets.apps',
  'clusterclasses.cluster.x-k8s.io',
  'endpoints',
  'services',
];

/**
 * Velero's low priorities, restored last. Velero lists `clusters.cluster.x-k8s.io` here too;
 * Driftline instead creates Clusters first in the owner graph, paused, so that every object
 * below a Cluster finds it (and its pause) when created.
 */
export const VELERO_LOW_PRIORITIES: readonly string[] = [
  'clusterbootstraps.run.tanzu.vmware.com',
  'clusterresourcesets.addons.cluster.x-k8s.io',
];

/** Resources Velero never restores (`nonRestorableResources`). */
export const NON_RESTORABLE_RESOURCES: readonly string[] = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
];

/** Where an object sits before owner references are considered: a phase and a rank inside it. */
export interface BasePosition {
  /** 0..H-1 high priorities, then templates, the owner graph, the low priorities. */
  phase: number;
  /** Order inside one owner depth: Clusters, then templates, then the rest. */
  rank: number;
}

const TEMPLATES_PHASE = VELERO_HIGH_PRIORITIES.length;
/** The phase of objects ordered only by the owner graph. */
export const GRAPH_PHASE = TEMPLATES_PHASE + 1;
const LOW_PHASE = GRAPH_PHASE + 1;

/** True when `entry` (plural or plural.group) names this resource; a bare plural matches any group. */
export function matchesPriorityEntry(resource: string, group: string, entry: string): boolean {
  const dot = entry.indexOf('.');
  if (dot < 0) return entry === resource;
  return entry.slice(0, dot) === resource && entry.slice(dot + 1) === group;
}

/** True for Cluster API templates (`VSphereMachineTemplate`, `KubeadmConfigTemplate`, …). */
export function isCapiTemplate(group: string, kind: string): boolean {
  return isCapiGroup(group) && kind.endsWith('Template');
}

/** True for resources Driftline, like Velero, never restores. */
export function isNonRestorable(resource: string, group: string): boolean {
  return NON_RESTORABLE_RESOURCES.some((entry) => matchesPriorityEntry(resource, group, entry));
}

/** The tier of a resource, before its owners move it later. */
export function basePosition(resource: string, group: string, kind: string): BasePosition {
  const rank = kind === 'Cluster' && group === 'cluster.x-k8s.io' ? 0 : isCapiTemplate(group, kind) ? 1 : 2;
  const high = VELERO_HIGH_PRIORITIES.findIndex((e) => matchesPriorityEntry(resource, group, e));
  if (high >= 0) return { phase: high, rank };
  if (VELERO_LOW_PRIORITIES.some((e) => matchesPriorityEntry(resource, group, e)))
    return { phase: LOW_PHASE, rank };
  if (rank === 1) return { phase: TEMPLATES_PHASE, rank };
  return { phase: GRAPH_PHASE, rank };
}

/** A step title for a phase: the priority entry, `templates`, `owner depth N` or `last: …`. */
export function phaseTitle(phase: number, depth: number): string {
  const suffix = depth > 0 ? ` (owner depth ${depth})` : '';
  if (phase < TEMPLATES_PHASE) return `${VELERO_HIGH_PRIORITIES[phase]}${suffix}`;
  if (phase === TEMPLATES_PHASE) return `cluster api templates${suffix}`;
  if (phase === GRAPH_PHASE) return `owner depth ${depth}`;
  return `low priority (${VELERO_LOW_PRIORITIES.join(', ')})${suffix}`;
}
