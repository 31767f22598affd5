/** The `velero-backup.json` Backup object: building one Velero accepts, and parsing any Velero wrote. */
import { z } from 'zod';
import { formatDuration, parseDuration } from './duration.js';
import { FormatError } from './errors.js';
import { FORMAT_VERSION, validateBackupName } from './layout.js';

/** Velero's default backup TTL. */
export const DEFAULT_TTL = '720h';

/** Namespace Velero runs in and stores Backup objects under. */
export const VELERO_NAMESPACE = 'velero';

/** Label Velero puts on every Backup naming its storage location. */
export const STORAGE_LOCATION_LABEL = 'velero.io/storage-location';

/** Every phase Velero defines for a Backup. */
export type BackupPhase =
  | 'New'
  | 'FailedValidation'
  | 'InProgress'
  | 'WaitingForPluginOperations'
  | 'WaitingForPluginOperationsPartiallyFailed'
  | 'Finalizing'
  | 'FinalizingPartiallyFailed'
  | 'Completed'
  | 'PartiallyFailed'
  | 'Failed'
  | 'Deleting';

/** The phases Driftline writes. */
export type WrittenBackupPhase = Extract<
  BackupPhase,
  'InProgress' | 'Completed' | 'PartiallyFailed' | 'Failed'
>;

const labelSelectorSchema = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).nullish(),
  matchExpressions: z
    .array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).nullish() }))
    .nullish(),
});

const strings = z.array(z.string()).nullish();
const timestamp = z.string().nullish();

/** Schema of a stored Backup: checks what Driftline relies on and keeps every unknown field. */
export const veleroBackupSchema = z.looseObject({
  apiVersion: z.literal('velero.io/v1'),
  kind: z.literal('Backup'),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).nullish(),
    annotations: z.record(z.string(), z.string()).nullish(),
    creationTimestamp: timestamp,
  }),
  spec: z
    .looseObject({
      includedNamespaces: strings,
      excludedNamespaces: strings,
      includedResources: strings,
      excludedResources: strings,
      includeClusterResources: z.boolean().nullish(),
      labelSelector: labelSelectorSchema.nullish(),
      ttl: z.string().nullish(),
      storageLocation: z.string().nullish(),
    })
    .default({}),
  status: z
    .looseObject({
      version: z.number().nullish(),
      formatVersion: z.string().nullish(),
      phase: z.string().nullish(),
      expiration: timestamp,
      startTimestamp: timestamp,
      completionTimestamp: timestamp,
      progress: z
        .looseObject({ totalItems: z.number().nullish(), itemsBackedUp: z.number().nullish() })
        .nullish(),
      errors: z.number().nullish(),
      warnings: z.number().nullish(),
    })
    .default({}),
});

/** A Backup object as stored in `velero-backup.json`. */
export type VeleroBackup = z.infer<typeof veleroBackupSchema>;

/** A Kubernetes label selector. */
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

/** What {@link buildBackupObject} needs; unset filters are left out as Velero leaves them out. */
export interface BackupObjectInput {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  includeClusterResources?: boolean;
  labelSelector?: LabelSelector;
  /** A Go duration such as `720h` (the default) or `24h0m0s`; stored normalised (`720h0m0s`). */
  ttl?: string;
  storageLocation?: string;
  phase: WrittenBackupPhase;
  startTimestamp: Date;
  completionTimestamp?: Date;
  totalItems: number;
  itemsBackedUp: number;
  errors?: number;
  warnings?: number;
}

/** Builds the Backup object Velero writes for a finished (or running) backup. */
export function buildBackupObject(input: BackupObjectInput): VeleroBackup {
  const ttlMs = parseDuration(input.ttl ?? DEFAULT_TTL);
  const storageLocation = input.storageLocation ?? 'default';
  const spec: VeleroBackup['spec'] = {
    ...optional('includedNamespaces', nonEmpty(input.includedNamespaces) ?? ['*']),
    ...optional('excludedNamespaces', nonEmpty(input.excludedNamespaces)),
    ...optional('includedResources', nonEmpty(input.includedResources)),
    ...optional('excludedResources', nonEmpty(input.excludedResources)),
    ...optional('includeClusterResources', input.includeClusterResources),
    ...optional('labelSelector', input.labelSelector),
    ttl: formatDuration(ttlMs),
    storageLocation,
  };
  const status: VeleroBackup['status'] = {
    version: 1,
    formatVersion: FORMAT_VERSION,
    expiration: rfc3339(new Date(input.startTimestamp.getTime() + ttlMs)),
    phase: input.phase,
    startTimestamp: rfc3339(input.startTimestamp),
    ...optional('completionTimestamp', input.completionTimestamp && rfc3339(input.completionTimestamp)),
    progress: { totalItems: input.totalItems, itemsBackedUp: input.itemsBackedUp },
    // Go's omitempty: zero counts are left out.
    ...optional('errors', input.errors || undefined),
    ...optional('warnings', input.warnings || undefined),
  };
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name: validateBackupName(input.name),
      namespace: input.namespace ?? VELERO_NAMESPACE,
      creationTimestamp: rfc3339(input.startTimestamp),
      labels: { ...input.labels, [STORAGE_LOCATION_LABEL]: storageLocation },
      ...optional('annotations', input.annotations),
    },
    spec,
    status,
  };
}

/** Serialises a Backup as Velero's pretty JSON encoder does (two-space indent). */
export function encodeBackupObject(backup: VeleroBackup): Buffer {
  return Buffer.from(`${JSON.stringify(backup, null, 2)}\n`, 'utf8');
}

/** Parses `velero-backup.json` (text, bytes or already-parsed JSON); throws `format.invalid-backup`. */
export function parseBackupObject(input: unknown): VeleroBackup {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new FormatError('format.invalid-json', 'velero-backup.json is not valid json', { cause: err });
    }
  }
  const parsed = veleroBackupSchema.safeParse(value);
  if (!parsed.success) {
    throw new FormatError(
      'format.invalid-backup',
      `invalid velero-backup.json: ${z.prettifyError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

/** The backup's TTL in milliseconds, or undefined when it has none or it cannot be parsed. */
export function backupTtlMs(backup: VeleroBackup): number | undefined {
  try {
    return backup.spec.ttl ? parseDuration(backup.spec.ttl) : undefined;
  } catch {
    return undefined;
  }
}

/** Formats a date as Kubernetes' metav1.Time does: RFC 3339 in UTC, whole seconds. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
