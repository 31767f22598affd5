/** The transform every object goes through: server-set metadata out, status aside, restore labels in. */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../../model/resource-key.js';
import { LABELS } from '../../model/vocabulary.js';

/** Label naming the restore that created an object (Velero's `velero.io/restore-name` counterpart). */
export const RESTORE_NAME_LABEL = LABELS.restoreName;

/** Label naming the backup an object was restored from. */
export const BACKUP_NAME_LABEL = LABELS.backupName;

/** Metadata fields the API server owns; a restore never sends them. */
export const SERVER_METADATA_FIELDS = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** A label value for any name: names over 63 characters are cut and suffixed with a hash, as Velero does. */
export function labelValue(name: string): string {
  if (name.length <= 63) return name;
  return `${name.slice(0, 57)}${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
}

/** A deep copy without server fields and status; the status is returned separately. */
export function stripForRestore(object: KubeObject): {
  object: KubeObject;
  status?: Record<string, unknown>;
} {
  const { status, ...rest } = structuredClone(object);
  const copy = rest as KubeObject;
  for (const field of SERVER_METADATA_FIELDS) delete copy.metadata[field];
  const kept = isRecord(status) && Object.keys(status).length > 0 ? status : undefined;
  return kept ? { object: copy, status: kept } : { object: copy };
}

/** Adds the restore and backup labels that let a re-run recognise objects it created. */
export function addRestoreLabels(object: KubeObject, restoreName: string, backupName: string): void {
  object.metadata.labels = {
    ...object.metadata.labels,
    [RESTORE_NAME_LABEL]: labelValue(restoreName),
    [BACKUP_NAME_LABEL]: labelValue(backupName),
  };
}

/** True for plain JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
