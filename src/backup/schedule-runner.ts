/** The long-running scheduler: takes each schedule's backups on its cron ticks and collects garbage. */
import { describeError } from '../common/errors.js';
import type { CaptureSource } from './capture.js';
import { createBackup } from './create.js';
import { collectGarbage } from './gc.js';
import type { BackupRepository } from './repository.js';
import {
  backupNameFor,
  type Clock,
  decideRun,
  parseCron,
  type RunDecision,
  ScheduleError,
} from './schedule.js';
import { backupRequestFor, scheduleState, type VeleroSchedule, withLastBackup } from './schedule-object.js';
import type { ScheduleStore } from './schedule-store.js';

/** The real clock; `sleep` resolves early on abort. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Everything the scheduler touches, injected. */
export interface SchedulerDeps {
  clock: Clock;
  schedules: ScheduleStore;
  /** The backup store a schedule writes to. */
  repositoryFor(schedule: VeleroSchedule): BackupRepository;
  /** The cluster a schedule backs up. */
  sourceFor(schedule: VeleroSchedule): CaptureSource;
  log(line: string): void;
}

/** How to run. */
export interface RunOptions {
  /** Only these schedules (default: every schedule in the store, re-read on each wake-up). */
  names?: string[];
  /** One pass (catch-up and GC), then return: for running from cron or a Kubernetes CronJob. */
  once?: boolean;
  /** Stops the loop; a backup in progress is finished first. */
  signal: AbortSignal;
  /** Longest sleep between re-reading the schedule files (default 60 s). */
  maxSleepMs?: number;
}

/** What a run did. */
export interface RunSummary {
  backups: { schedule: string; name: string; phase: string }[];
  failures: { schedule: string; error: string }[];
  deleted: string[];
}

/** Runs until `signal` aborts (or one pass with `once`). Missed runs collapse into one catch-up. */
export async function runSchedules(deps: SchedulerDeps, options: RunOptions): Promise<RunSummary> {
  const summary: RunSummary = { backups: [], failures: [], deleted: [] };
  const invalid = new Set<string>();
  let schedules = await load(deps, options, invalid, true);
  await collectAll(deps, schedules, summary);
  for (;;) {
    let ran = false;
    for (const schedule of schedules) {
      if (options.signal.aborted) break;
      const decision = decide(schedule, deps.clock.now(), deps, invalid);
      if (!decision?.due) continue;
      deps.log(`${schedule.metadata.name}: ${decision.reason}`);
      await runOne(deps, schedule, summary);
      ran = true;
    }
    if (ran) await collectAll(deps, schedules, summary);
    if (options.once || options.signal.aborted) return summary;
    await deps.clock.sleep(sleepMs(deps, schedules, options, invalid), options.signal);
    if (options.signal.aborted) return summary;
    schedules = await load(deps, options, invalid, false);
  }
}

async function load(
  deps: SchedulerDeps,
  options: RunOptions,
  invalid: Set<string>,
  initial: boolean,
): Promise<VeleroSchedule[]> {
  if (options.names?.length) {
    const out: VeleroSchedule[] = [];
    for (const name of options.names) {
      try {
        out.push(await deps.schedules.get(name));
      } catch (err) {
        if (initial) throw err;
        warnOnce(deps, invalid, name, `${name}: skipped: ${describeError(err)}`);
      }
    }
    return out;
  }
  const { schedules, broken } = await deps.schedules.list();
  for (const b of broken) warnOnce(deps, invalid, b.name, `${b.name}: skipped: ${b.error}`);
  if (initial && schedules.length === 0)
    throw new ScheduleError(
      'schedule.none',
      `no schedules in ${deps.schedules.dir}: create one with driftline schedule create`,
    );
  return schedules;
}

function decide(
  schedule: VeleroSchedule,
  now: Date,
  deps: SchedulerDeps,
  invalid: Set<string>,
): RunDecision | undefined {
  try {
    return decideRun(parseCron(schedule.spec.schedule), scheduleState(schedule), now);
  } catch (err) {
    warnOnce(
      deps,
      invalid,
      schedule.metadata.name,
      `${schedule.metadata.name}: skipped: ${describeError(err)}`,
    );
    return undefined;
  }
}

function warnOnce(deps: SchedulerDeps, seen: Set<string>, key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  deps.log(message);
}

// One backup; its start time becomes status.lastBackup even when it fails, as in Velero,
// so a broken cluster is retried on the next tick rather than in a tight loop.
async function runOne(deps: SchedulerDeps, schedule: VeleroSchedule, summary: RunSummary): Promise<void> {
  const scheduleName = schedule.metadata.name;
  const started = deps.clock.now();
  const name = backupNameFor(scheduleName, started);
  try {
    const repo = deps.repositoryFor(schedule);
    const backup = await createBackup(deps.sourceFor(schedule), repo, {
      ...backupRequestFor(schedule, name),
      now: () => deps.clock.now(),
    });
    const s = backup.status;
    const phase = s?.phase ?? 'Unknown';
    summary.backups.push({ schedule: scheduleName, name, phase });
    deps.log(
      `${scheduleName}: backup ${name} ${phase}: ${s?.progress?.itemsBackedUp ?? 0} items, ${s?.errors ?? 0} errors → ${repo.location}`,
    );
  } catch (err) {
    summary.failures.push({ schedule: scheduleName, error: describeError(err) });
    deps.log(`${scheduleName}: backup ${name} failed: ${describeError(err)}`);
  }
  await recordRun(deps, schedule, started);
}

// Re-read before writing so edits made while the backup ran (pause, delete) are not undone.
async function recordRun(deps: SchedulerDeps, schedule: VeleroSchedule, at: Date): Promise<void> {
  const name = schedule.metadata.name;
  try {
    const updated = withLastBackup(await deps.schedules.get(name), at);
    await deps.schedules.save(updated);
    Object.assign(schedule, { status: updated.status });
  } catch (err) {
    deps.log(`${name}: could not record the last backup: ${describeError(err)}`);
    Object.assign(schedule, withLastBackup(schedule, at));
  }
}

async function collectAll(
  deps: SchedulerDeps,
  schedules: VeleroSchedule[],
  summary: RunSummary,
): Promise<void> {
  const repos = new Map<string, BackupRepository>();
  for (const s of schedules) {
    try {
      const repo = deps.repositoryFor(s);
      repos.set(`${repo.location}|${repo.layout.prefix}`, repo);
    } catch (err) {
      deps.log(`${s.metadata.name}: cannot open its store: ${describeError(err)}`);
    }
  }
  for (const repo of repos.values()) {
    try {
      const result = await collectGarbage(repo, deps.clock.now());
      for (const d of result.deleted)
        deps.log(`gc: deleted backup ${d.name} (${d.reason}) from ${repo.location}`);
      for (const f of result.failed) deps.log(`gc: could not delete backup ${f.name}: ${f.error}`);
      summary.deleted.push(...result.deleted.map((d) => d.name));
    } catch (err) {
      deps.log(`gc: listing ${repo.location} failed: ${describeError(err)}`);
    }
  }
}

function sleepMs(
  deps: SchedulerDeps,
  schedules: VeleroSchedule[],
  options: RunOptions,
  invalid: Set<string>,
): number {
  const now = deps.clock.now();
  const max = options.maxSleepMs ?? 60_000;
  const next = schedules
    .map((s) => decide(s, now, deps, invalid)?.nextRun?.getTime())
    .filter((t): t is number => t !== undefined);
  return Math.min(max, Math.max(0, Math.min(...next, now.getTime() + max) - now.getTime()));
}
