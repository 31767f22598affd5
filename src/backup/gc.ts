/** Garbage collection: delete the backups of a store whose TTL has passed, as Velero's GC controller does. */
import { describeError } from '../common/errors.js';
import type { BackupRepository } from './repository.js';
import { type ExpiredBackup, selectExpired } from './schedule.js';

/** What one collection did. */
export interface GcResult {
  /** Deleted (or, in a dry run, to be deleted). */
  deleted: ExpiredBackup[];
  failed: { name: string; error: string }[];
  /** Readable backups left in place. */
  kept: number;
}

/** Deletes every expired backup in `repo` (unreadable backups are never touched). */
export async function collectGarbage(
  repo: BackupRepository,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<GcResult> {
  const { backups } = await repo.list();
  const expired = selectExpired(backups, now);
  const result: GcResult = { deleted: [], failed: [], kept: backups.length - expired.length };
  for (const backup of expired) {
    try {
      if (!options.dryRun) await repo.delete(backup.name);
      result.deleted.push(backup);
    } catch (err) {
      result.failed.push({ name: backup.name, error: describeError(err) });
    }
  }
  return result;
}
