/** `restore create`: plan, refuse early, journal, restore step by step, record results, optionally unpause. */

import { Journal, type JournalOptions } from '../apply/index.js';
import type { BackupRepository } from '../backup/repository.js';
import { describeError, hasCode } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { RestoreError } from './errors.js';
import { type ExecuteOptions, executePlan, type RestoreProgress } from './execute.js';
import {
  pausedInJournal,
  RESTORE_JOURNAL,
  type RestoreJournal,
  type RestoreJournalState,
  restoreJournalStore,
} from './journal-kind.js';
import { loadPlan, refuseProblems, restoreFingerprint } from './load.js';
import { RestoreLog } from './log.js';
import { OwnerLookup } from './owner-lookup.js';
import { UidMap } from './owners.js';
import { RestoreRecords } from './records.js';
import { buildReport, messageCount, type RestoreReport } from './report.js';
import { buildRestoreObject } from './restore-object.js';
import { buildResourceList, outcomeLine } from './results.js';
import type { RestoreTarget } from './target.js';
import { labelValue } from './transforms/index.js';
import type { ItemOutcome, PlanOptions, RestorePlan } from './types.js';
import { type UnpauseReport, type UnpauseRequest, unpauseClusters } from './unpause.js';

/** What `restore create` is asked. */
export interface RestoreRequest extends PlanOptions {
  /** Objects written at once within a step (default 16). */
  concurrency?: number;
  /** Simulates a crash right after this many objects are written (tests; hidden CLI flag). */
  failAfter?: number;
  /** Unpause the clusters this restore paused once everything is restored. */
  unpause?: boolean;
  /** Waiting for unpaused clusters to become ready. */
  unpauseWait?: Pick<UnpauseRequest, 'wait' | 'timeoutMs' | 'pollMs'>;
  journal?: JournalOptions;
  now?: () => Date;
  onProgress?: (p: RestoreProgress) => void;
  logger?: Logger;
}

/**
 * Restores a backup into the target. Nothing is written before the plan is known to be
 * restorable; then the journal is started and objects are written step by step. Re-running
 * the same request after a crash continues where the journal (and the restore label) says.
 */
export async function createRestore(
  target: RestoreTarget,
  repo: BackupRepository,
  request: RestoreRequest,
): Promise<RestoreReport> {
  const now = request.now ?? (() => new Date());
  const started = now();
  const records = new RestoreRecords(repo);
  const loaded = await loadPlan(target, repo, request);
  refuseProblems(loaded.plan, target.server);
  const journal = await openJournal(target, records, request);
  const log = new RestoreLog(request.restoreName, now, request.logger);
  log.info(`restoring backup ${request.backupName} into ${target.server} (run ${journal.runs})`);
  const { plan } = loaded;
  log.info(`plan: ${plan.steps.length} steps, ${plan.total} objects, ${plan.skipped.length} left out`);
  for (const w of plan.warnings) log.warning(w);
  const state = journalState(loaded.plan, request.backupName, journal);
  await journal.update({ phase: 'InProgress', state });
  let outcomes: ItemOutcome[];
  try {
    outcomes = await executePlan(
      loaded.plan,
      itemContext(target, request, journal),
      executeOptions(request, log),
    );
  } catch (err) {
    if (!hasCode(err, 'apply.injected-failure'))
      await recordFailure(target, records, journal, request, started, log, err);
    throw err;
  }
  for (const o of outcomes) {
    if (o.action === 'failed') log.error(outcomeLine(o));
    else log.info(outcomeLine(o));
  }
  const paused: RestoreJournalState = { ...state, pausedClusters: pausedClusters(outcomes) };
  const unpause = request.unpause ? await unpauseRestored(target, paused, request, log) : undefined;
  const report = buildReport(loaded, outcomes, {
    name: request.restoreName,
    targetServer: target.server,
    dryRun: false,
    resumed: journal.resumed,
    runs: journal.runs,
    journal: journal.location,
    unpause,
    pausedClusters: paused.pausedClusters,
  });
  await writeRecord(records, request, report, started, now(), log);
  await journal.update({ phase: report.phase, state: { ...paused, unpaused: Boolean(unpause?.ok) } });
  return report;
}

async function openJournal(
  target: RestoreTarget,
  records: RestoreRecords,
  request: RestoreRequest,
): Promise<RestoreJournal> {
  const name = request.restoreName;
  const fingerprint = restoreFingerprint(request);
  const journal = await Journal.open(
    restoreJournalStore(target, name),
    RESTORE_JOURNAL,
    {
      name,
      fingerprint,
      state: { backupName: request.backupName, pausedClusters: [], unpaused: false },
    },
    request.journal,
  );
  if (!journal.resumed) {
    if (await records.exists(name))
      throw new RestoreError(
        'restore.exists',
        `restore ${name} already exists in ${records.location}; use a new name`,
      );
    return journal;
  }
  if (journal.fingerprint !== fingerprint) {
    throw new RestoreError(
      'restore.exists',
      `restore ${name} was started in this cluster with other options (backup, filters, mapping or policies); repeat the original command or use a new name`,
    );
  }
  if (journal.phase === 'Completed')
    throw new RestoreError(
      'restore.exists',
      `restore ${name} already completed in this cluster; use a new name`,
    );
  return journal;
}

function itemContext(target: RestoreTarget, request: RestoreRequest, journal: RestoreJournal) {
  const uids = new UidMap();
  return {
    target,
    restoreLabel: labelValue(request.restoreName),
    policy: request.existingResourcePolicy ?? 'none',
    uids,
    owners: new OwnerLookup(target, uids),
    journal,
  };
}

function executeOptions(request: RestoreRequest, log: RestoreLog): ExecuteOptions {
  return {
    concurrency: request.concurrency,
    failAfter: request.failAfter,
    onProgress: request.onProgress,
    log: (line) => log.info(line),
  };
}

// Only what was really paused counts: a Cluster the restore skipped (it exists, perhaps paused by
// an operator) is not the restore's to unpause. Before a run, that is what earlier runs journaled.
function journalState(plan: RestorePlan, backupName: string, journal: RestoreJournal): RestoreJournalState {
  const pausedClusters = plan.steps
    .flatMap((s) => s.objects)
    .filter((o) => {
      const entry = journal.get(o.id);
      return entry !== undefined && pausedInJournal(o, entry);
    })
    .map((o) => clusterName(o.target));
  return { backupName, pausedClusters, unpaused: false };
}

function pausedClusters(outcomes: readonly ItemOutcome[]): string[] {
  return outcomes
    .filter((o) => o.paused)
    .map((o) => clusterName(o.key))
    .sort();
}

function clusterName(key: { namespace: string; name: string }): string {
  return `${key.namespace}/${key.name}`;
}

async function unpauseRestored(
  target: RestoreTarget,
  state: RestoreJournalState,
  request: RestoreRequest,
  log: RestoreLog,
): Promise<UnpauseReport> {
  if (state.pausedClusters.length === 0) return { clusters: [], waited: false, ok: true };
  const report = await unpauseClusters(target, { clusters: state.pausedClusters, ...request.unpauseWait });
  for (const c of report.clusters)
    log.info(`unpause ${c.namespace}/${c.name}: ${c.result} ${c.readiness ?? ''}`.trim());
  return report;
}

async function writeRecord(
  records: RestoreRecords,
  request: RestoreRequest,
  report: RestoreReport,
  started: Date,
  completed: Date,
  log: RestoreLog,
): Promise<void> {
  log.info(
    `restore ${report.phase}: ${report.counts.created} created, ${report.counts.updated} updated, ${report.counts.skipped} skipped, ${report.counts.failed} failed`,
  );
  const restore = buildRestoreObject({
    options: request,
    phase: report.phase,
    started,
    completed,
    counts: report.counts,
    errors: messageCount(report.results.errors),
    warnings: messageCount(report.results.warnings),
    targetServer: report.targetServer,
  });
  await records.write({
    restore,
    results: report.results,
    resourceList: buildResourceList(report.outcomes),
    logs: log.gzip(),
  });
}

// A run that stops on an error still leaves a Failed record and journal behind (best effort).
async function recordFailure(
  target: RestoreTarget,
  records: RestoreRecords,
  journal: RestoreJournal,
  request: RestoreRequest,
  started: Date,
  log: RestoreLog,
  err: unknown,
): Promise<void> {
  log.error(`restore failed: ${describeError(err)}`);
  const counts = { total: 0, created: 0, updated: 0, skipped: 0, failed: 0, resumed: 0, differing: 0 };
  const restore = buildRestoreObject({
    options: request,
    phase: 'Failed',
    started,
    counts,
    errors: 1,
    warnings: 0,
    targetServer: target.server,
    failureReason: describeError(err),
  });
  const results = { errors: { velero: [describeError(err)] }, warnings: {} };
  await records.write({ restore, results, resourceList: {}, logs: log.gzip() }).catch(() => undefined);
  await journal.update({ phase: 'Failed' }).catch(() => undefined);
}
