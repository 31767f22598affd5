/** Driftline's one vocabulary: its domain, API group, namespace, field manager, labels and annotations. */

/** The one domain of every Driftline label, annotation and API group. */
export const DOMAIN = 'driftline.dev';

/** The domain early schedule files used; read (never written) so those files keep working. */
export const LEGACY_DOMAIN = 'driftline.io';

/** The API version of Driftline's own documents and custom resources. */
export const API_VERSION = `${DOMAIN}/v1alpha1`;

/** Field manager of every server-side apply Driftline makes. */
export const FIELD_MANAGER = 'driftline';

/** Field manager of drift-state ConfigMaps, kept apart so state writes never look like profile edits. */
export const STATE_FIELD_MANAGER = `${FIELD_MANAGER}-state`;

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
  /** On a restore record (Velero Restore object): the API server restored into. */
  targetServer: `${DOMAIN}/target-server`,
  /** On a drift-state ConfigMap: the cluster's id. */
  cluster: `${DOMAIN}/cluster`,
  /** On a live object, `"true"`: Driftline never corrects it (it shows as Ignored). */
  driftIgnore: `${DOMAIN}/drift-ignore`,
} as const;

/** The value of `app.kubernetes.io/managed-by` on Driftline's objects. */
export const MANAGED_BY = 'driftline';

/**
 * Annotations of a schedule file (a Velero Schedule; Velero ignores them): the backup store and
 * cluster given at creation, and the preset. Never credentials, only the path of a credentials file.
 * Files written before the switch to DOMAIN carry them under LEGACY_DOMAIN: see {@link legacyKey}.
 */
export const SCHEDULE_ANNOTATIONS = {
  store: `${DOMAIN}/store`,
  s3Region: `${DOMAIN}/s3-region`,
  s3Endpoint: `${DOMAIN}/s3-endpoint`,
  s3PathStyle: `${DOMAIN}/s3-path-style`,
  s3CredentialsFile: `${DOMAIN}/s3-credentials-file`,
  s3Profile: `${DOMAIN}/s3-profile`,
  s3CaCert: `${DOMAIN}/s3-ca-cert`,
  s3InsecureSkipTlsVerify: `${DOMAIN}/s3-insecure-skip-tls-verify`,
  kubeContext: `${DOMAIN}/kube-context`,
  kubeconfig: `${DOMAIN}/kubeconfig`,
  preset: `${DOMAIN}/preset`,
} as const;

/** The same key under LEGACY_DOMAIN (`driftline.dev/store` → `driftline.io/store`), for reading old files. */
export function legacyKey(key: string): string {
  return key.startsWith(`${DOMAIN}/`) ? `${LEGACY_DOMAIN}/${key.slice(DOMAIN.length + 1)}` : key;
}

/** Each key and its LEGACY_DOMAIN twin, for marker labels that are never differences. */
export function withLegacy(...keys: string[]): string[] {
  return keys.flatMap((k) => [k, legacyKey(k)]);
}

/** A label's or annotation's value under DOMAIN, else under LEGACY_DOMAIN (written before the switch). */
export function readAnnotation(
  annotations: Record<string, string> | null | undefined,
  key: string,
): string | undefined {
  return annotations?.[key] ?? annotations?.[legacyKey(key)];
}
