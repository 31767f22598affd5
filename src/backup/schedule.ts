/** The scheduler's pure core: cron next-run times, due and catch-up decisions, backup names, GC selection. */
import { CronExpressionParser } from 'cron-parser';
import { DriftlineError, describeError } from '../common/errors.js';
import { parseDuration, type VeleroBackup } from '../format/index.js';

/** The label Velero puts on every backup a schedule takes. */
export const SCHEDULE_NAME_LABEL = 'velero.io/schedule-name';

/** A run later than this after its scheduled time is reported as a catch-up. */
export const LATE_TOLERANCE_MS = 60_000;

/** Time as the scheduler sees it; injected so the core is tested without waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Error codes of schedules. */
export type ScheduleErrorCode =
  | 'schedule.invalid'
  | 'schedule.not-found'
  | 'schedule.exists'
  | 'schedule.none';

/** A schedule problem: invalid cron, unknown or duplicate name, unreadable file. */
export class ScheduleError extends DriftlineError {
  declare readonly code: ScheduleErrorCode;
  constructor(
    code: ScheduleErrorCode,
    message: string,
    options?: { cause?: unknown; problems?: readonly string[] },
  ) {
    super(code, message, options);
  }
}

/** A parsed cron expression. */
export interface CronSchedule {
  expression: string;
  /** The first scheduled time strictly after `after`. */
  next(after: Date): Date;
}

/**
 * Parses a schedule the way Velero (robfig/cron) accepts it: five fields (`0 2 * * *`), a
 * descriptor (`@daily`), `@every <duration>`, or an optional `CRON_TZ=<zone> ` prefix. A sixth,
 * leading seconds field is also accepted (Driftline extension). Times are UTC unless CRON_TZ says.
 */
export function parseCron(expression: string): CronSchedule {
  const text = expression.trim();
  const every = /^@every\s+(\S+)$/.exec(text);
  if (every) return everySchedule(text, every[1]!);
  const tzMatch = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(text);
  const tz = tzMatch?.[1] ?? 'UTC';
  const body = tzMatch?.[2] ?? text;
  const fields = body.split(/\s+/).length;
  if (!body.startsWith('@') && fields !== 5 && fields !== 6)
    throw invalid(expression, `expected 5 fields (minute hour day month weekday), got ${fields}`);
  const at = (after: Date): Date =>
    CronExpressionParser.parse(body, { currentDate: after, tz }).next().toDate();
  try {
    at(new Date(0));
  } catch (err) {
    throw invalid(expression, describeError(err));
  }
  return { expression: text, next: at };
}

// robfig/cron's ConstantDelaySchedule: the next run is `delay` after the previous, to the second.
function everySchedule(expression: string, duration: string): CronSchedule {
  let ms: number;
  try {
    ms = parseDuration(duration);
  } catch (err) {
    throw invalid(expression, describeError(err));
  }
  if (ms < 1000) throw invalid(expression, '@every needs at least 1s');
  const delay = Math.floor(ms / 1000) * 1000;
  return { expression, next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delay) };
}

function invalid(expression: string, why: string): ScheduleError {
  return new ScheduleError(
    'schedule.invalid',
    `invalid schedule ${JSON.stringify(expression)}: ${why.toLowerCase()}`,
  );
}

/** What the decision needs to know about a schedule. */
export interface ScheduleState {
  createdAt: Date;
  lastBackup?: Date;
  /** Velero's `spec.skipImmediately`: do not back up at once when the schedule has never run. */
  skipImmediately?: boolean;
  paused?: boolean;
}

/** Whether to back up now, and why. */
export interface RunDecision {
  due: boolean;
  reason: string;
  /** The scheduled time this run stands for (the latest one that has passed). */
  scheduledFor?: Date;
  /** Scheduled times passed since the last backup (capped); they all collapse into one run. */
  missed: number;
  /** True when the run is late: taken for scheduled times missed while the scheduler was stopped. */
  catchUp: boolean;
  /** When the schedule is next due (now, when due); undefined when paused. */
  nextRun?: Date;
}

const MAX_COUNTED_MISSES = 1000;

/**
 * Decides whether a schedule is due at `now`. Like Velero, a schedule that has never run backs
 * up at once (unless skipImmediately); afterwards it is due when the first scheduled time after
 * the last backup has passed. However many scheduled times passed while nothing ran, the
 * answer is ONE run now (a catch-up); the next one follows the cron from then on.
 */
export function decideRun(cron: CronSchedule, state: ScheduleState, now: Date): RunDecision {
  if (state.paused) return { due: false, reason: 'paused', missed: 0, catchUp: false };
  if (!state.lastBackup && !state.skipImmediately)
    return {
      due: true,
      reason: 'first backup of a new schedule (taken immediately, as Velero does)',
      scheduledFor: now,
      missed: 0,
      catchUp: false,
      nextRun: now,
    };
  const reference = state.lastBackup ?? state.createdAt;
  const first = cron.next(reference);
  if (first > now)
    return {
      due: false,
      reason: `next run at ${first.toISOString()}`,
      missed: 0,
      catchUp: false,
      nextRun: first,
    };
  let missed = 0;
  let scheduledFor = first;
  for (let t = first; t <= now && missed < MAX_COUNTED_MISSES; t = cron.next(t)) {
    scheduledFor = t;
    missed++;
  }
  const catchUp = missed > 1 || now.getTime() - scheduledFor.getTime() > LATE_TOLERANCE_MS;
  const reason = catchUp
    ? `catching up: ${missed >= MAX_COUNTED_MISSES ? `${MAX_COUNTED_MISSES}+` : missed} scheduled run(s) missed since ${reference.toISOString()}, taking one backup now`
    : `scheduled for ${scheduledFor.toISOString()}`;
  return { due: true, reason, scheduledFor, missed, catchUp, nextRun: now };
}

/** Velero's schedule backup name: `<schedule>-YYYYMMDDhhmmss` in UTC. */
export function backupNameFor(schedule: string, time: Date): string {
  const stamp = time
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:T]/g, '');
  return `${schedule}-${stamp}`;
}

/** A backup garbage collection would delete, with the reason. */
export interface ExpiredBackup {
  name: string;
  expiration: string;
  reason: string;
}

/**
 * The backups whose `status.expiration` has passed (Velero's GC rule). Backups without an
 * expiration, with an unparseable one, or still in progress are kept.
 */
export function selectExpired(backups: readonly VeleroBackup[], now: Date): ExpiredBackup[] {
  const out: ExpiredBackup[] = [];
  for (const b of backups) {
    const expiration = b.status?.expiration;
    const at = expiration ? Date.parse(expiration) : Number.NaN;
    if (!expiration || Number.isNaN(at) || at >= now.getTime()) continue;
    if (b.status?.phase === 'InProgress' || b.status?.phase === 'New') continue;
    out.push({ name: b.metadata.name, expiration, reason: `expired at ${expiration}` });
  }
  return out.sort((a, b) => a.expiration.localeCompare(b.expiration) || a.name.localeCompare(b.name));
}
