/** `backup diff A --live`: a backup against what a backup taken now, with the same selection, would hold. */
import { describeError } from '../common/errors.js';
import { normalize } from '../diff/index.js';
import { ResultsBuilder } from '../format/index.js';
import { groupResource, type KubeObject, keyOf, keyString } from '../model/resource-key.js';
import { type CaptureSource, capture } from './capture.js';
import {
  type BackupDiff,
  BackupDiffError,
  type BackupSource,
  type DiffOptions,
  diffObjectMaps,
  loadBackup,
} from './diff.js';
import { selectionFromSpec } from './schedule-template.js';
import { compileSelection } from './selection.js';

/** Options for a live comparison. */
export interface LiveDiffOptions extends DiffOptions {
  /** Label of the live side in output, e.g. `live (mgmt-admin@mgmt)`. */
  liveLabel?: string;
  /** Re-apply the `--cluster-api` preset to the live side (backups do not record presets). */
  preset?: 'cluster-api';
  concurrency?: number;
}

/**
 * Compares a backup with the cluster. Only resource types present in the backup are listed,
 * and the backup's own selection (namespaces, resources, label selector, exclude label) is
 * applied to the live objects, so "added" means "a backup taken now would also hold this".
 */
export async function diffBackupWithLive(
  backup: BackupSource,
  cluster: CaptureSource,
  options: LiveDiffOptions = {},
): Promise<BackupDiff> {
  const stored = await loadBackup(backup, options);
  const spec = await backup.spec();
  const warnings: string[] = [];
  if (!spec)
    warnings.push(`${backup.label} has no backup spec: comparing every object of the backed-up types`);
  const live = await listLive(cluster, stored.types, selectionFromSpec(spec), options, warnings);
  const labels = { from: backup.label, to: options.liveLabel ?? 'live' };
  return diffObjectMaps(stored.objects, live, labels, options, warnings);
}

async function listLive(
  cluster: CaptureSource,
  types: Set<string>,
  selection: ReturnType<typeof selectionFromSpec>,
  options: LiveDiffOptions,
  warnings: string[],
): Promise<Map<string, KubeObject>> {
  const served = new Set<string>();
  const scoped: CaptureSource = {
    discover: async () => {
      const discovery = await cluster.discover();
      const resources = discovery.resources.filter((r) => types.has(groupResource(r)));
      for (const r of resources) if (r.preferred) served.add(groupResource(r));
      return { ...discovery, resources };
    },
    listPages: (ref, opts) => cluster.listPages(ref, opts),
  };
  const objects = new Map<string, KubeObject>();
  const sink = {
    addMany: async (items: readonly { object: KubeObject }[]): Promise<void> => {
      for (const { object } of items) objects.set(keyString(keyOf(object)), normalize(object, options));
    },
  };
  const results = new ResultsBuilder();
  try {
    await capture(
      scoped,
      sink,
      { selection: compileSelection(selection), preset: options.preset, concurrency: options.concurrency },
      results,
      () => undefined,
    );
  } catch (err) {
    throw new BackupDiffError(`listing the live cluster failed: ${describeError(err)}`, { cause: err });
  }
  warnings.push(...failOnListErrors(results));
  for (const type of [...types].filter((t) => !served.has(t)).sort())
    warnings.push(`${type} is not served by the cluster: its objects show as removed`);
  return objects;
}

// A failed list would show every object of the type as removed: refuse rather than mislead.
function failOnListErrors(results: ResultsBuilder): string[] {
  const { errors, warnings } = results.build();
  const messages = [...(errors.velero ?? []), ...(errors.cluster ?? [])];
  if (messages.length > 0)
    throw new BackupDiffError(`listing the live cluster failed: ${messages.join('; ')}`);
  return [...(warnings.velero ?? []), ...(warnings.cluster ?? [])];
}
