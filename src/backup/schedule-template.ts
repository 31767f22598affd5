/** The Backup spec a schedule stamps out (Velero's `spec.template`) and its selection options (pure). */
import { formatDuration, parseDuration, type VeleroBackup } from '../format/index.js';
import { fromSelectorText } from './backup-spec.js';
import type { SelectionOptions } from './selection.js';

/** A Velero BackupSpec, as stored in `velero-backup.json` and in a Schedule's `spec.template`. */
export type BackupSpec = VeleroBackup['spec'];

/** Builds a BackupSpec as Velero writes it (unset filters left out, TTL normalised to `720h0m0s`). */
export function backupSpecFor(options: SelectionOptions & { ttl?: string }): BackupSpec {
  const nonEmpty = (l: string[] | undefined): string[] | undefined => (l?.length ? l : undefined);
  const spec: BackupSpec = {
    includedNamespaces: nonEmpty(options.includeNamespaces) ?? ['*'],
    excludedNamespaces: nonEmpty(options.excludeNamespaces),
    includedResources: nonEmpty(options.includeResources),
    excludedResources: nonEmpty(options.excludeResources),
    includeClusterResources: options.includeClusterResources,
    labelSelector: options.labelSelector ? fromSelectorText(options.labelSelector) : undefined,
    ttl: formatDuration(parseDuration(options.ttl ?? '720h')),
    storageLocation: 'default',
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as BackupSpec;
}

/** The selection a BackupSpec describes, in the option form `createBackup` and `capture` take. */
export function selectionFromSpec(spec: BackupSpec | undefined): SelectionOptions {
  const s = spec ?? {};
  return {
    includeNamespaces: s.includedNamespaces ?? undefined,
    excludeNamespaces: s.excludedNamespaces ?? undefined,
    includeResources: s.includedResources ?? undefined,
    excludeResources: s.excludedResources ?? undefined,
    includeClusterResources: s.includeClusterResources ?? undefined,
    labelSelector: s.labelSelector ? selectorText(s.labelSelector) : undefined,
  };
}

/** Turns a LabelSelector object back into kubectl's `-l` syntax. */
export function selectorText(selector: NonNullable<BackupSpec['labelSelector']>): string | undefined {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
