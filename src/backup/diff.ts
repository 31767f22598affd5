/** `backup diff A B`: added, removed and changed objects between two backups, field by field. */
import { createReadStream } from 'node:fs';
import { DriftlineError } from '../common/errors.js';
import { compareObjects, type FieldChange, normalize, pairObjects, redactPair } from '../diff/index.js';
import { readBackup } from '../format/index.js';
import { groupResource, type KubeObject, keyOf, keyString } from '../model/resource-key.js';
import type { BackupRepository } from './repository.js';
import type { BackupSpec } from './schedule-template.js';

/** What happened to one object between the two sides. */
export type ObjectChange = 'added' | 'removed' | 'changed';

/** One object that differs. `from`/`to` are normalised and Secret-redacted, kept for rendering only. */
export interface ObjectDifference {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  change: ObjectChange;
  /** Field-level changes (for added/removed objects: none; the whole object is the change). */
  fields: FieldChange[];
  from?: KubeObject;
  to?: KubeObject;
}

/** The comparison of two sides. */
export interface BackupDiff {
  from: string;
  to: string;
  differences: ObjectDifference[];
  summary: { added: number; removed: number; changed: number; unchanged: number };
  warnings: string[];
}

/** Options shared by every diff. */
export interface DiffOptions {
  /** Compare `status` too (dropped by default, as Velero drops it on restore). */
  includeStatus?: boolean;
  /** Keep the normalised, redacted objects on each difference (for unified output). */
  keepObjects?: boolean;
}

/** A backup to read: a stored backup or a local tarball. */
export interface BackupSource {
  label: string;
  open(): Promise<AsyncIterable<Uint8Array>>;
  /** The Backup spec when known (stored backups), used to scope a live comparison. */
  spec(): Promise<BackupSpec | undefined>;
}

/** Normalised objects keyed by group/Kind/namespace/name, plus the resource types seen. */
export interface LoadedObjects {
  objects: Map<string, KubeObject>;
  /** `plural.group` of every type present (core group as the plural, `secrets`). */
  types: Set<string>;
}

/** A diff that could not be computed (unreadable side, failed listing). */
export class BackupDiffError extends DriftlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('backup.diff-failed', message, options);
  }
}

/** A backup in the repository; fails with `backup.not-found` before reading anything. */
export function storedBackup(repo: BackupRepository, name: string): BackupSource {
  return {
    label: name,
    open: async () => {
      await repo.get(name);
      return repo.openContents(name);
    },
    spec: async () => (await repo.get(name)).spec,
  };
}

/** A local tarball (e.g. from `velero backup download`); its selection is unknown. */
export function tarballFile(path: string): BackupSource {
  return {
    label: path,
    open: async () => createReadStream(path),
    spec: async () => undefined,
  };
}

/** Streams one backup into a map of normalised objects (preferred versions only). */
export async function loadBackup(source: BackupSource, options: DiffOptions = {}): Promise<LoadedObjects> {
  const objects = new Map<string, KubeObject>();
  const types = new Set<string>();
  for await (const item of readBackup(await source.open())) {
    if (!item.preferred) continue;
    types.add(groupResource(item));
    objects.set(keyString(keyOf(item.object)), normalize(item.object, options));
  }
  return { objects, types };
}

/** Compares two backups. */
export async function diffBackups(
  from: BackupSource,
  to: BackupSource,
  options: DiffOptions = {},
): Promise<BackupDiff> {
  const a = await loadBackup(from, options);
  const b = await loadBackup(to, options);
  return diffObjectMaps(a.objects, b.objects, { from: from.label, to: to.label }, options);
}

/** Compares two maps of normalised objects; differences sorted by key. */
export function diffObjectMaps(
  from: Map<string, KubeObject>,
  to: Map<string, KubeObject>,
  labels: { from: string; to: string },
  options: DiffOptions = {},
  warnings: string[] = [],
): BackupDiff {
  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const differences: ObjectDifference[] = [];
  for (const { desired, live } of pairObjects(from.values(), to.values())) {
    const difference = compareOne(desired, live, options);
    if (difference) {
      summary[difference.change]++;
      differences.push(difference);
    } else summary.unchanged++;
  }
  return { ...labels, differences, summary, warnings };
}

function compareOne(
  from: KubeObject | undefined,
  to: KubeObject | undefined,
  options: DiffOptions,
): ObjectDifference | undefined {
  const { group, kind, namespace, name } = keyOf((from ?? to)!);
  const base = { group, kind, namespace, name };
  const objects = (): Pick<ObjectDifference, 'from' | 'to'> => {
    if (!options.keepObjects) return {};
    const [a, b] = redactPair(from, to);
    return { ...(a && { from: a }), ...(b && { to: b }) };
  };
  if (!from) return { ...base, change: 'added', fields: [], ...objects() };
  if (!to) return { ...base, change: 'removed', fields: [], ...objects() };
  const fields = compareObjects(from, to);
  if (fields.length === 0) return undefined;
  return { ...base, change: 'changed', fields, ...objects() };
}

/** True when the diff found anything (the CLI's exit code 1). */
export function hasDifferences(diff: BackupDiff): boolean {
  return diff.differences.length > 0;
}
