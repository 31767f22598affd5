/** What a stored Schedule must hold beyond its shape, checked when it is read, not hours later in `schedule run` (pure). */
import { describeError } from '../common/errors.js';
import { parseDuration } from '../format/index.js';
import { legacyKey, SCHEDULE_ANNOTATIONS } from '../model/vocabulary.js';
import { parseCron } from './schedule.js';
import type { VeleroSchedule } from './schedule-object.js';
import { selectionFromSpec } from './schedule-template.js';
import { compileSelection } from './selection.js';

/** The presets a schedule may record. */
export const SCHEDULE_PRESETS = ['cluster-api'] as const;

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const FLAGS = [SCHEDULE_ANNOTATIONS.s3PathStyle, SCHEDULE_ANNOTATIONS.s3InsecureSkipTlsVerify];

/** Every problem of a parsed Schedule, as `field: what is wrong`; empty when it can run. */
export function scheduleProblems(s: VeleroSchedule): string[] {
  return [
    ...check('spec.schedule', () => parseCron(s.spec.schedule)),
    ...timeProblem('metadata.creationTimestamp', s.metadata.creationTimestamp),
    ...timeProblem('status.lastBackup', s.status?.lastBackup),
    ...(s.spec.template.ttl ? check('spec.template.ttl', () => parseDuration(s.spec.template.ttl!)) : []),
    ...selectorProblems(s),
    ...annotationProblems(s.metadata.annotations ?? {}),
  ];
}

function check(field: string, run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (err) {
    return [`${field}: ${describeError(err)}`];
  }
}

function timeProblem(field: string, value: string | undefined): string[] {
  if (value === undefined || !Number.isNaN(Date.parse(value))) return [];
  return [`${field}: ${JSON.stringify(value)} is not an RFC 3339 time`];
}

// An operator Driftline does not know would be dropped from the selector, backing up more than asked.
function selectorProblems(s: VeleroSchedule): string[] {
  const field = 'spec.template.labelSelector';
  const expressions = s.spec.template.labelSelector?.matchExpressions ?? [];
  const bad = expressions.flatMap((e, i) =>
    OPERATORS.includes(e.operator)
      ? []
      : [
          `${field}.matchExpressions[${i}].operator: ${JSON.stringify(e.operator)} is not one of ${OPERATORS.join(', ')}`,
        ],
  );
  if (bad.length > 0) return bad;
  return check(field, () => compileSelection(selectionFromSpec(s.spec.template)));
}

// Both domains are checked: an old file's `driftline.io/preset` is read as its `driftline.dev/preset`.
function annotationProblems(annotations: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of [SCHEDULE_ANNOTATIONS.preset, legacyKey(SCHEDULE_ANNOTATIONS.preset)]) {
    const value = annotations[key];
    if (value !== undefined && !(SCHEDULE_PRESETS as readonly string[]).includes(value))
      out.push(`${field(key)}: ${JSON.stringify(value)} is not a preset (${SCHEDULE_PRESETS.join(', ')})`);
  }
  for (const key of FLAGS.flatMap((k) => [k, legacyKey(k)])) {
    const value = annotations[key];
    if (value !== undefined && value !== 'true' && value !== 'false')
      out.push(`${field(key)}: ${JSON.stringify(value)} is not "true" or "false"`);
  }
  return out;
}

const field = (key: string): string => `metadata.annotations["${key}"]`;
