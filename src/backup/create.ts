/** `backup create`: capture a cluster into the store as a complete Velero backup. */
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DriftlineError } from '../common/errors.js';
import {
  buildBackupObject,
  createBackupWriter,
  encodeGzipJson,
  encodeResourceList,
  encodeResults,
  ResultsBuilder,
  rfc3339,
  type VeleroBackup,
  validateBackupName,
} from '../format/index.js';
import { fromSelectorText } from './backup-spec.js';
import { CAPI_EXCLUDED_NAMESPACES } from './capi-preset.js';
import { type CaptureProgress, type CaptureSource, capture } from './capture.js';
import type { BackupRepository } from './repository.js';
import { compileSelection, type SelectionOptions } from './selection.js';

/** What the user asked for. */
export interface CreateBackupRequest extends SelectionOptions {
  name: string;
  ttl?: string;
  preset?: 'cluster-api';
  labels?: Record<string, string>;
  concurrency?: number;
  /** Objects per LIST page (default 500, like kubectl and Velero). */
  pageSize?: number;
  /** gzip level 1–9 (default 6, what Velero's Go gzip writer uses); lower is faster, larger. */
  compressionLevel?: number;
  /** Overrides the clock (tests, schedules). */
  now?: () => Date;
  onProgress?: (p: CaptureProgress) => void;
}

/** Creates the backup; per-item problems end as PartiallyFailed, never as a silent success. */
export async function createBackup(
  source: CaptureSource,
  repo: BackupRepository,
  request: CreateBackupRequest,
): Promise<VeleroBackup> {
  const name = validateBackupName(request.name);
  const leftover = await clearInterrupted(repo, name);
  const now = request.now ?? (() => new Date());
  const started = now();
  const options = withPreset(request);
  const selection = compileSelection(options);
  const results = new ResultsBuilder();
  const logLines: string[] = [];
  const log = (msg: string): void => {
    logLines.push(`time="${rfc3339(now())}" level=info msg=${JSON.stringify(msg)} backup=velero/${name}`);
  };
  log(`starting backup to ${repo.location}`);
  if (leftover) log(`removed ${leftover} files of an earlier attempt that never finished`);

  const keys = repo.layout.backupKeys(name);
  const body = new PassThrough();
  const upload = repo.store.put(keys.contents, body);
  const writer = createBackupWriter(body, { mtime: started, compressionLevel: request.compressionLevel });
  let stats: Awaited<ReturnType<typeof capture>>;
  try {
    stats = await capture(
      source,
      writer,
      { selection, preset: request.preset, concurrency: request.concurrency, pageSize: request.pageSize },
      results,
      log,
      request.onProgress,
    );
    const summary = await writer.finish();
    await upload;
    await repo.store.put(keys.resourceList, await encodeResourceList(summary.resourceList));
  } catch (err) {
    writer.abort(err as Error);
    await upload.catch(() => undefined);
    await repo.delete(name).catch(() => undefined);
    throw err;
  }
  const counts = results.counts();
  log(
    `backup completed: ${stats.itemsBackedUp} items from ${stats.resources.length} resources ` +
      `(${stats.itemsSkipped} listed objects left out by the selection), ${counts.errors} errors, ${counts.warnings} warnings`,
  );
  await repo.store.put(keys.results, await encodeResults(results.build()));
  await repo.store.put(keys.logs, gzipSync(`${logLines.join('\n')}\n`));
  for (const key of [keys.podVolumeBackups, keys.volumeSnapshots, keys.itemOperations, keys.volumeInfo]) {
    await repo.store.put(key, await encodeGzipJson([]));
  }
  const backup = buildBackupObject({
    name,
    labels: request.labels,
    includedNamespaces: options.includeNamespaces,
    excludedNamespaces: options.excludeNamespaces,
    includedResources: options.includeResources,
    excludedResources: options.excludeResources,
    includeClusterResources: options.includeClusterResources,
    labelSelector: options.labelSelector ? fromSelectorText(options.labelSelector) : undefined,
    ttl: request.ttl,
    phase: counts.errors > 0 ? 'PartiallyFailed' : 'Completed',
    startTimestamp: started,
    completionTimestamp: now(),
    totalItems: stats.itemsBackedUp,
    itemsBackedUp: stats.itemsBackedUp,
    errors: counts.errors,
    warnings: counts.warnings,
  });
  await repo.putMetadata(backup);
  return backup;
}

/**
 * A finished backup (its velero-backup.json exists) is never touched. Files without it are what an
 * interrupted run left behind — velero-backup.json is written last — so they are removed and the
 * re-run starts clean. Returns how many files were removed.
 */
async function clearInterrupted(repo: BackupRepository, name: string): Promise<number> {
  if (await repo.store.exists(repo.layout.backupKeys(name).metadata)) {
    throw new DriftlineError('backup.exists', `backup ${name} already exists in ${repo.location}`);
  }
  return (await repo.exists(name)) ? repo.delete(name) : 0;
}

function withPreset(request: CreateBackupRequest): SelectionOptions {
  if (request.preset !== 'cluster-api') return request;
  return {
    ...request,
    excludeNamespaces: [...new Set([...(request.excludeNamespaces ?? []), ...CAPI_EXCLUDED_NAMESPACES])],
    includeClusterResources: request.includeClusterResources ?? true,
  };
}
