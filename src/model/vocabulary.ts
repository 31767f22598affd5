/** Driftline's one vocabulary: its domain, API group, namespace, field manager, labels and annotations. */

/** The one domain of every Driftline label, annotation and API group. */
export const DOMAIN = 'driftline.dev';

/** The domain early schedule files used; read (never written) so those files keep working. */
export const LEGACY_DOMAIN = 'driftline.io';

/** The API version of Driftline's own documents and custom resources. */
export const API_VERSION = `${DOMAIN}/v1alpha1`;

/** Field manager of every server-side apply Driftline makes. */
export const FIELD_MANAGER = 'driftline';

/** Namespace of Driftline's own state in a cluster (journals, drift state). */
export const SYSTEM_NAMESPACE = 'driftline-system';

/** Labels Driftline sets or reads. */
export const LABELS = {
  /** Kubernetes' recommended label; Driftline's objects carry `driftline`. */
  managedBy: 'app.kubernetes.io/managed-by',
  /** On a journal ConfigMap: the kind of operation (`restore`, `move`, …). */
  journal: `${DOMAIN}/journal`,
  /** On every object a restore wrote: the restore's name, so a re-run adopts it. */
  restoreName: `${DOMAIN}/restore-name`,
  /** On every object a restore wrote: the backup it came from. */
  backupName: `${DOMAIN}/backup-name`,
  /** On every object a move created in the target: the move's name, so a re-run adopts it. */
  movedBy: `${DOMAIN}/move`,
  /** On a drift-state ConfigMap. */
  state: `${DOMAIN}/state`,
  /** On a deployed object: the profile that declares it. */
  profile: `${DOMAIN}/profile`,
} as const;

/** Annotations Driftline sets or reads. */
export const ANNOTATIONS = {
  /** On a journal ConfigMap: the operation's name. */
  journalName: `${DOMAIN}/journal-name`,
  /** On a restored Cluster: it was already paused in its backup, so `unpause --all` leaves it. */
  pausedInBackup: `${DOMAIN}/paused-in-backup`,
  /** On a drift-state ConfigMap: the cluster's id. */
  cluster: `${DOMAIN}/cluster`,
} as const;

/** The value of `app.kubernetes.io/managed-by` on Driftline's objects. */
export const MANAGED_BY = 'driftline';
