/** The move vocabulary shared by graph discovery, the planner, the phases and the reports (pure types). */
import type { ApiResource, Discovery } from '../adapters/kube/discovery.js';
import type { Deleter, Getter, Lister, Patcher } from '../adapters/kube/interfaces.js';
import type { JournalPhase } from '../apply/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { LABELS } from '../model/vocabulary.js';
import type { RestoreTarget } from '../restore/target.js';
import type { PlannedObject } from '../restore/types.js';

/** clusterctl's label: move this one object along with the clusters of its namespace. */
export const MOVE_LABEL = 'clusterctl.cluster.x-k8s.io/move';

/** clusterctl's label: move this object and everything it owns. */
export const MOVE_HIERARCHY_LABEL = 'clusterctl.cluster.x-k8s.io/move-hierarchy';

/** Label naming the move that created an object in the target; lets a resumed run adopt it. */
export const MOVED_BY_LABEL = LABELS.movedBy;

/** The source cluster as a move sees it (a KubeClient satisfies it). */
export interface MoveSource extends Lister, Getter, Patcher, Deleter {
  readonly server: string;
  discover(refresh?: boolean): Promise<Discovery>;
}

/** The target cluster as a move sees it: what a restore needs, plus deletes for rollbacks. */
export interface MoveTarget extends RestoreTarget, Deleter {}

/** One object read from the source, with the resource (and version) it was read through. */
export interface SourceObject {
  object: KubeObject;
  resource: ApiResource;
}

/** An object the move takes, and why. */
export interface MoveObject extends SourceObject {
  /** `group/Kind/namespace/name`. */
  id: string;
  reason: string;
  /** Set when something left behind (a Cluster not moved) needs it too: copied, never deleted from the source. */
  keepInSource?: string;
}

/** What graph discovery found: the objects to move (roots first) and the moved Clusters (`namespace/name`). */
export interface MoveGraph {
  objects: MoveObject[];
  clusters: string[];
}

/** A planned object of a move. */
export interface MovePlanned extends PlannedObject {
  reason: string;
  keepInSource?: string;
  /** Where it is read and deleted in the source. */
  sourceResource: ApiResource;
}

/** Objects created together in the target; every owner is in an earlier step than its dependents. */
export interface MoveStepPlan {
  index: number;
  title: string;
  objects: MovePlanned[];
}

/** Why a move cannot start. */
export interface MoveProblem {
  kind: 'unserved' | 'paused' | 'deleting' | 'exists' | 'unfinished' | 'changed' | 'provisioning';
  message: string;
}

/** The ordered plan of a move (pure output of the planner). */
export interface MovePlan {
  steps: MoveStepPlan[];
  total: number;
  /** Moved Clusters, `namespace/name`. */
  clusters: string[];
  /** Namespaces holding moved objects. */
  namespaces: string[];
  problems: MoveProblem[];
  warnings: string[];
}

/** Where a move stands; phases run in this order (or roll back before `deleting`). */
export type MoveStep =
  | 'pausing'
  | 'creating'
  | 'verifying'
  | 'deleting'
  | 'unpausing'
  | 'done'
  | 'rolling-back'
  | 'rolled-back';

/** What the journal records per object: its state in the target, and in the source. */
export interface EntryState {
  /** `created` by this move, or `existing`: an identical object found in the target and adopted. */
  target: 'planned' | 'created' | 'existing';
  /** `kept`: copied but never deleted (something not moved needs it). */
  source: 'present' | 'deleted' | 'kept';
}

/** The move's journal state (the header of ConfigMap `driftline-system/driftline-move-<name>` in the target). */
export interface MoveJournalState {
  step: MoveStep;
  sourceServer: string;
  targetServer: string;
  /** Namespaces asked for; null for all namespaces. */
  namespaces: string[] | null;
  /** Moved Clusters, `namespace/name`. */
  clusters: string[];
  /** Clusters this move paused (or is about to pause) in the source and has not released. */
  pausedInSource: string[];
  /** Clusters created paused in the target and not unpaused yet. */
  pausedInTarget: string[];
  /** Namespaces this move created in the target. */
  createdNamespaces: string[];
  /** Objects copied but kept in the source, with the reason. */
  kept: Record<string, string>;
  /** The last error that stopped a run. */
  error?: string;
}

/** Object counts from the journal. */
export interface MoveCounts {
  objects: number;
  created: number;
  /** Identical objects found in the target and adopted. */
  adopted: number;
  deleted: number;
  kept: number;
}

/** Where a move stands, from its journal (also the result of a run). */
export interface MoveReport {
  name: string;
  phase: JournalPhase;
  step: MoveStep;
  source: string;
  target: string;
  journal: string;
  runs: number;
  startedAt?: string;
  updatedAt?: string;
  counts: MoveCounts;
  clusters: string[];
  pausedInSource: string[];
  pausedInTarget: string[];
  createdNamespaces: string[];
  kept: Record<string, string>;
  warnings: string[];
  error?: string;
}

/** Progress after each object written or deleted. */
export interface MoveProgress {
  step: MoveStep;
  done: number;
  total: number;
}
