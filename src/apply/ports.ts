/** What the apply engine calls on a cluster: the narrow kube interfaces, nothing of restore or move. */
import type { Discovery } from '../adapters/kube/discovery.js';
import type {
  Applier,
  Creator,
  Deleter,
  Getter,
  Patcher,
  ResourceRef,
  StatusWriter,
} from '../adapters/kube/interfaces.js';
import type { KubeObject } from '../model/resource-key.js';

/** A cluster the engine writes to (a KubeClient satisfies it). */
export interface ApplyTarget extends Getter, Creator, Applier, Patcher, StatusWriter {
  /** The API server URL, for messages. */
  readonly server: string;
  discover(refresh?: boolean): Promise<Discovery>;
}

/** A cluster the engine also deletes from (move's source, rollbacks). */
export interface DeletingTarget extends ApplyTarget, Deleter {}

/** One object to write: where, what, and the status to restore after it exists. */
export interface ApplyItem {
  /** Stable identity in the journal, e.g. `group/Kind/namespace/name`. */
  id: string;
  ref: ResourceRef;
  namespace: string;
  name: string;
  /** The object as it must be created (owner references already pointing at target uids). */
  object: KubeObject;
  status?: Record<string, unknown>;
}
