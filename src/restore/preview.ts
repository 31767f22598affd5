/** `restore create --dry-run`: the plan and, per object, what the restore would do — with nothing written anywhere. */
import type { BackupRepository } from '../backup/repository.js';
import { previewPlan } from './execute.js';
import { placeholderUid } from './item-preview.js';
import { loadPlan } from './load.js';
import { OwnerLookup } from './owner-lookup.js';
import { UidMap } from './owners.js';
import { buildReport, type RestoreReport } from './report.js';
import type { RestoreTarget } from './target.js';
import { labelValue } from './transforms/index.js';
import type { PlanOptions } from './types.js';

/** Previews a restore: every GET, no write, no journal, no store record. */
export async function previewRestore(
  target: RestoreTarget,
  repo: BackupRepository,
  request: PlanOptions & { concurrency?: number },
): Promise<RestoreReport> {
  const loaded = await loadPlan(target, repo, request);
  const uids = new UidMap();
  const outcomes = await previewPlan(
    loaded.plan,
    {
      target,
      restoreLabel: labelValue(request.restoreName),
      policy: request.existingResourcePolicy ?? 'none',
      uids,
      owners: new OwnerLookup(target, uids, placeholderUid),
    },
    { concurrency: request.concurrency },
  );
  return buildReport(loaded, outcomes, {
    name: request.restoreName,
    targetServer: target.server,
    dryRun: true,
    resumed: false,
    runs: 0,
  });
}
