/** The profile model: desired objects, cluster targeting, sync mode, correction policy (pure types). */
import type { LabelSelector } from '../model/label-selector.js';
import type { KubeObject } from '../model/resource-key.js';
import { ANNOTATIONS, LABELS } from '../model/vocabulary.js';

/** Sveltos's sync modes: deploy once, keep deployed, keep deployed and correct drift, or only report. */
export type SyncMode = 'OneTime' | 'Continuous' | 'ContinuousWithDriftDetection' | 'DryRun';

/** `Auto` corrects drift as soon as it is seen; `Manual` detects and notifies, a person corrects. */
export type Correction = 'Auto' | 'Manual';

/** Where a desired object was declared, so `drift accept` can write live values back. */
export interface ResourceOrigin {
  /** The YAML file holding the manifest. */
  file: string;
  /** Index of the YAML document inside that file. */
  document: number;
  /** Path inside that document to the manifest (`['spec','resources',2]` for inline ones). */
  path: (string | number)[];
}

/** One object a profile declares, with where it came from. */
export interface DesiredResource {
  object: KubeObject;
  origin: ResourceOrigin;
}

/** Which objects an exclusion applies to; absent fields match anything. */
export interface ExclusionTarget {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  labelSelector?: LabelSelector;
}

/** Paths (JSON Pointers, `*` matching one token) that may differ without being drift. */
export interface DriftExclusion {
  paths: string[];
  target?: ExclusionTarget;
}

/** Flip-flop guard: `maxCorrections` within `windowMs` makes an object Contested for a backoff. */
export interface GuardPolicy {
  maxCorrections: number;
  windowMs: number;
  backoffMs: number;
  maxBackoffMs: number;
}

/** A validated profile, resources resolved. */
export interface Profile {
  name: string;
  /** The file the profile was read from (for messages and `drift accept`). */
  file: string;
  clusterSelector?: LabelSelector;
  clusters?: string[];
  namespaces?: string[];
  resources: DesiredResource[];
  syncMode: SyncMode;
  correction: Correction;
  exclusions: DriftExclusion[];
  /** Lower wins when two profiles declare the same object. */
  tier: number;
  guard: GuardPolicy;
  /** Delete objects this profile deployed and no longer declares (default false: leave them). */
  prune?: boolean;
}

/** A cluster as profiles see it: a name and its labels. */
export interface ClusterIdentity {
  /** `namespace/name` for Cluster API clusters, the context name for kubeconfig contexts. */
  id: string;
  labels: Record<string, string>;
}

/** Default flip-flop guard: 3 corrections in 5 minutes → Contested for 1 minute, doubling up to 1 hour. */
export const DEFAULT_GUARD: GuardPolicy = {
  maxCorrections: 3,
  windowMs: 5 * 60_000,
  backoffMs: 60_000,
  maxBackoffMs: 60 * 60_000,
};

/** Default tier (Sveltos uses 100 too). */
export const DEFAULT_TIER = 100;

/** Labels Driftline puts on every object it deploys (with `MANAGED_BY`, the watch selector). */
export const OWNERSHIP_LABELS = {
  managedBy: LABELS.managedBy,
  profile: LABELS.profile,
} as const;

/** Annotations that exempt a live object from correction (Driftline's and Sveltos's). */
export const IGNORE_ANNOTATIONS = [ANNOTATIONS.driftIgnore, 'projectsveltos.io/driftDetectionIgnore'];
