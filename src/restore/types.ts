/** The restore vocabulary shared by the planner, the executor and the reports (pure types). */

import type { SelectionOptions } from '../backup/selection.js';
import type { FieldChange } from '../diff/index.js';
import type { KubeObject, ResourceKey } from '../model/resource-key.js';

export type { FieldChange } from '../diff/index.js';

/** What to do with an object that already exists in the target. */
export type ExistingResourcePolicy = 'none' | 'update';

/** The existing-resource policies, for validation and help text. */
export const EXISTING_RESOURCE_POLICIES: readonly ExistingResourcePolicy[] = ['none', 'update'];

/** Which backed-up objects to restore, and where (Velero's restore flags). */
// includeClusterResources undefined: cluster-scoped objects only when all namespaces are restored
// (plus the CRDs of restored objects).
export interface RestoreFilterOptions extends SelectionOptions {
  /** Old namespace → new namespace. */
  namespaceMapping?: Record<string, string>;
}

/** Everything the planner needs besides the backup and the target's discovery. */
export interface PlanOptions extends RestoreFilterOptions {
  restoreName: string;
  backupName: string;
  existingResourcePolicy?: ExistingResourcePolicy;
  /** Resources whose status is restored (`clusters.cluster.x-k8s.io`, `machines`, `*`); default none. */
  restoreStatus?: string[];
}

/** A resource in the target as the executor addresses it. */
export interface TargetResource {
  group: string;
  version: string;
  /** Plural, e.g. `machinesets`. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** How one ownerReference of a planned object is resolved when the object is written. */
export type OwnerLink =
  /** The owner is restored by this plan (earlier step): use its new uid. */
  | { index: number; kind: 'planned'; ownerId: string }
  /** The owner is not in the restore: look it up in the target by name, else drop the reference. */
  | { index: number; kind: 'external'; group: string; ownerKind: string; namespace: string; name: string };

/** One object the plan writes. */
export interface PlannedObject {
  /** Version-independent identity in the target: `group/Kind/namespace/name`. */
  id: string;
  /** Where it sat in the backup. */
  source: ResourceKey;
  /** Where it goes (mapped namespace, chosen version). */
  target: ResourceKey;
  resource: TargetResource;
  /** The object to write: server fields and status removed, ownerReferences still holding the backup's uids. */
  object: KubeObject;
  /** The status to write through the status subresource, when requested for this resource. */
  status?: Record<string, unknown>;
  /** The uid the object had in the source cluster. */
  oldUid?: string;
  owners: OwnerLink[];
  /** True for Clusters that the restore pauses (they were not paused in the backup). */
  pausedByRestore?: boolean;
  /** True for Namespaces the restore adds because restored objects need them. */
  implicit?: boolean;
}

/** A group of objects written together; every owner is in an earlier step than its dependents. */
export interface RestoreStep {
  /** 0-based position. */
  index: number;
  /** What the step holds, e.g. `secrets` or `owner depth 2`. */
  title: string;
  objects: PlannedObject[];
}

/** A backed-up item the plan leaves out, with the reason. */
export interface SkippedItem {
  key: ResourceKey;
  reason: string;
}

/** Something that makes the restore impossible; the restore refuses before writing anything. */
export interface PlanProblem {
  /** `clusters.cluster.x-k8s.io`. */
  resource: string;
  message: string;
  /** Objects affected. */
  count: number;
}

/** The ordered plan of a restore (pure output of the planner). */
export interface RestorePlan {
  steps: RestoreStep[];
  skipped: SkippedItem[];
  problems: PlanProblem[];
  /** Non-fatal planning notes (ownership cycles, dropped references, …). */
  warnings: string[];
  /** Objects the plan writes. */
  total: number;
}

/** What happened (or, in a dry run, would happen) to one object; Velero's item restore results. */
export type ItemAction = 'created' | 'updated' | 'skipped' | 'failed';

/** The outcome of one planned object. */
export interface ItemOutcome {
  id: string;
  key: ResourceKey;
  action: ItemAction;
  /** Why: `created`, `adopted from an interrupted run`, `exists and differs`, `identical`, the error… */
  detail: string;
  /** Field-level differences for objects that exist and differ. */
  changes?: FieldChange[];
  /** Problems that did not stop the object: dropped owner references, status not restored. */
  warnings?: string[];
  oldUid?: string;
  newUid?: string;
  /** True when the outcome was recorded by an earlier, interrupted run of the same restore. */
  resumed?: boolean;
  /** True when this restore paused the Cluster: created it paused, or updated it from unpaused to paused. */
  paused?: boolean;
}
