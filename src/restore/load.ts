/** The read-only start of every restore: validate the request, read the backup, discover the target, plan. */
import { createHash } from 'node:crypto';
import type { BackupRepository } from '../backup/repository.js';
import { encodeGoJson, readAllItems, type VeleroBackup, validateBackupName } from '../format/index.js';
import { RestoreError } from './errors.js';
import { buildPlan } from './plan.js';
import type { RestoreTarget } from './target.js';
import { EXISTING_RESOURCE_POLICIES, type PlanOptions, type RestorePlan } from './types.js';

/** Backup phases a restore accepts (as Velero does). */
export const RESTORABLE_PHASES: readonly string[] = ['Completed', 'PartiallyFailed'];

/** A plan with what it was made from. */
export interface LoadedPlan {
  plan: RestorePlan;
  backup: VeleroBackup;
  /** Objects (copies de-duplicated by the reader) in the backup. */
  backupItems: number;
  /** Group versions the target failed to describe. */
  discoveryFailures: string[];
}

/** Checks names and options; throws restore.invalid (or format.invalid-name) before anything is read. */
export function validatePlanOptions(options: PlanOptions): void {
  validateBackupName(options.restoreName);
  validateBackupName(options.backupName);
  const policy = options.existingResourcePolicy ?? 'none';
  if (!EXISTING_RESOURCE_POLICIES.includes(policy))
    throw new RestoreError(
      'restore.invalid',
      `invalid existing resource policy ${JSON.stringify(policy)}: want none or update`,
    );
}

/** Reads the backup and the target's discovery and builds the plan (no writes anywhere). */
export async function loadPlan(
  target: RestoreTarget,
  repo: BackupRepository,
  options: PlanOptions,
): Promise<LoadedPlan> {
  validatePlanOptions(options);
  const backup = await repo.get(options.backupName);
  const phase = backup.status.phase ?? '<unknown>';
  if (!RESTORABLE_PHASES.includes(phase))
    throw new RestoreError(
      'restore.invalid',
      `backup ${options.backupName} is ${phase}; only Completed or PartiallyFailed backups can be restored`,
    );
  const items = await readAllItems(await repo.openContents(options.backupName));
  const discovery = await target.discover(true);
  const plan = buildPlan(items, discovery.resources, options);
  return {
    plan,
    backup,
    backupItems: items.length,
    discoveryFailures: discovery.failures.map((f) => `${f.groupVersion}: ${f.error}`),
  };
}

/** Throws restore.unsupported listing every problem; called before the first write. */
export function refuseProblems(plan: RestorePlan, server: string): void {
  if (plan.problems.length === 0) return;
  const lines = plan.problems.map(
    (p) => `  - ${p.resource} (${p.count} object${p.count === 1 ? '' : 's'}): ${p.message}`,
  );
  throw new RestoreError(
    'restore.unsupported',
    `cannot restore into ${server}; nothing was written:\n${lines.join('\n')}`,
  );
}

/** A hash of everything that decides what a restore writes; a resumed run must match it. */
export function restoreFingerprint(options: PlanOptions): string {
  const asked = {
    backupName: options.backupName,
    includeNamespaces: options.includeNamespaces ?? [],
    excludeNamespaces: options.excludeNamespaces ?? [],
    includeResources: options.includeResources ?? [],
    excludeResources: options.excludeResources ?? [],
    includeClusterResources: options.includeClusterResources ?? null,
    labelSelector: options.labelSelector ?? '',
    namespaceMapping: options.namespaceMapping ?? {},
    existingResourcePolicy: options.existingResourcePolicy ?? 'none',
    restoreStatus: options.restoreStatus ?? [],
  };
  return createHash('sha256').update(encodeGoJson(asked)).digest('hex').slice(0, 16);
}
