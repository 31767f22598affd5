/** The Velero `velero.io/v1` Schedule object Driftline stores, and the backups it stamps out (pure). */
import { z } from 'zod';
import { describeError } from '../common/errors.js';
import { issueLines } from '../common/zod-issues.js';
import { rfc3339, VELERO_NAMESPACE, veleroBackupSchema } from '../format/index.js';
import { readAnnotation, SCHEDULE_ANNOTATIONS } from '../model/vocabulary.js';
import type { CreateBackupRequest } from './create.js';
import { parseCron, SCHEDULE_NAME_LABEL, ScheduleError, type ScheduleState } from './schedule.js';
import { type BackupSpec, backupSpecFor, selectionFromSpec } from './schedule-template.js';
import { scheduleProblems } from './schedule-validate.js';
import { compileSelection, type SelectionOptions } from './selection.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Schema of a stored Schedule: what Driftline relies on, every unknown field kept. */
export const veleroScheduleSchema = z.looseObject({
  apiVersion: z.literal('velero.io/v1'),
  kind: z.literal('Schedule'),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    creationTimestamp: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({
    schedule: z.string().min(1),
    template: veleroBackupSchema.shape.spec,
    skipImmediately: z.boolean().optional(),
    paused: z.boolean().optional(),
    useOwnerReferencesInBackup: z.boolean().optional(),
  }),
  status: z
    .looseObject({
      phase: z.string().optional(),
      lastBackup: z.string().optional(),
      lastSkipped: z.string().optional(),
      validationErrors: z.array(z.string()).optional(),
    })
    .default({}),
});

/** A Velero Schedule. */
export type VeleroSchedule = z.infer<typeof veleroScheduleSchema>;

/** What `schedule create` asks for. */
export interface ScheduleInput extends SelectionOptions {
  name: string;
  /** Cron expression (see parseCron). */
  schedule: string;
  ttl?: string;
  preset?: 'cluster-api';
  skipImmediately?: boolean;
  paused?: boolean;
  /** Extra annotations (the CLI records the store and cluster here). */
  annotations?: Record<string, string>;
  now: Date;
}

/** Validates a schedule name: a DNS-1123 label of at most 63 characters (it becomes a label value). */
export function validateScheduleName(name: string): string {
  if (name.length > 63 || !DNS_LABEL.test(name))
    throw new ScheduleError(
      'schedule.invalid',
      `invalid schedule name ${JSON.stringify(name)}: must be a lower-case dns-1123 label of at most 63 characters`,
    );
  return name;
}

/** Builds a Schedule, validating the name, cron expression, TTL and label selector first. */
export function buildSchedule(input: ScheduleInput): VeleroSchedule {
  validateScheduleName(input.name);
  parseCron(input.schedule);
  compileSelection(input);
  let template: BackupSpec;
  try {
    template = backupSpecFor(input);
  } catch (err) {
    throw new ScheduleError('schedule.invalid', `invalid ttl: ${describeError(err)}`, { cause: err });
  }
  const annotations = {
    ...input.annotations,
    ...(input.preset && { [SCHEDULE_ANNOTATIONS.preset]: input.preset }),
  };
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: input.name,
      namespace: VELERO_NAMESPACE,
      creationTimestamp: rfc3339(input.now),
      ...(Object.keys(annotations).length > 0 && { annotations }),
    },
    spec: {
      schedule: input.schedule.trim(),
      template,
      ...(input.skipImmediately && { skipImmediately: true }),
      ...(input.paused && { paused: true }),
      useOwnerReferencesInBackup: false,
    },
    status: { phase: 'Enabled' },
  };
}

/**
 * Parses a stored Schedule (text or JSON value); `source` names the file. Refuses a wrong shape and
 * what would fail later (cron, TTL, times, selector, preset), one `schedule.invalid` problem per field.
 */
export function parseScheduleObject(input: string | unknown, source: string): VeleroSchedule {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new ScheduleError('schedule.invalid', `${source} is not valid json: ${describeError(err)}`, {
        cause: err,
      });
    }
  }
  const parsed = veleroScheduleSchema.safeParse(value);
  if (!parsed.success) throw invalid(issueLines(parsed.error, source));
  const problems = scheduleProblems(parsed.data).map((p) => `${source}: ${p}`);
  if (problems.length > 0) throw invalid(problems);
  return parsed.data;
}

function invalid(problems: string[]): ScheduleError {
  return new ScheduleError('schedule.invalid', problems[0] ?? 'invalid schedule', { problems });
}

/** Serialises a Schedule as pretty JSON (what `kubectl apply -f` takes into a Velero cluster). */
export function encodeScheduleObject(schedule: VeleroSchedule): string {
  return `${JSON.stringify(schedule, null, 2)}\n`;
}

/** The decision inputs of a Schedule. */
export function scheduleState(schedule: VeleroSchedule): ScheduleState {
  const last = schedule.status?.lastBackup;
  return {
    createdAt: new Date(schedule.metadata.creationTimestamp),
    ...(last && { lastBackup: new Date(last) }),
    skipImmediately: schedule.spec.skipImmediately,
    paused: schedule.spec.paused,
  };
}

/** The `createBackup` request for one run of `schedule`, named `name`. */
export function backupRequestFor(schedule: VeleroSchedule, name: string): CreateBackupRequest {
  const preset =
    readAnnotation(schedule.metadata.annotations, SCHEDULE_ANNOTATIONS.preset) === 'cluster-api'
      ? 'cluster-api'
      : undefined;
  return {
    ...selectionFromSpec(schedule.spec.template),
    name,
    ttl: schedule.spec.template.ttl ?? undefined,
    preset,
    labels: { [SCHEDULE_NAME_LABEL]: schedule.metadata.name },
  };
}

/** Returns a copy with `status.lastBackup` set (Velero records the time the backup was started). */
export function withLastBackup(schedule: VeleroSchedule, at: Date): VeleroSchedule {
  return { ...schedule, status: { ...schedule.status, phase: 'Enabled', lastBackup: rfc3339(at) } };
}
