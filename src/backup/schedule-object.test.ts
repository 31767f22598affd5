/** Schedule files: written under driftline.dev, read under both domains, refused naming file and field. */
import { describe, expect, it } from 'vitest';
import { DriftlineError } from '../common/errors.js';
import {
  backupRequestFor,
  buildSchedule,
  encodeScheduleObject,
  parseScheduleObject,
} from './schedule-object.js';

const FILE = '/state/schedules/nightly.json';
const NOW = new Date('2025-06-01T09:00:00Z');

// Edits write wrong types on purpose, so the stored document is untyped JSON.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

function stored(edit: (s: Json) => void = () => {}): string {
  const s = JSON.parse(
    encodeScheduleObject(
      buildSchedule({ name: 'nightly', schedule: '0 2 * * *', preset: 'cluster-api', now: NOW }),
    ),
  );
  edit(s);
  return JSON.stringify(s);
}

function problems(text: string): string[] {
  try {
    parseScheduleObject(text, FILE);
  } catch (err) {
    if (err instanceof DriftlineError && err.code === 'schedule.invalid') return [...err.problems];
    throw err;
  }
  throw new Error('the schedule was accepted');
}

describe('schedule annotations', () => {
  it('are written under driftline.dev', () => {
    const s = buildSchedule({
      name: 'nightly',
      schedule: '@daily',
      preset: 'cluster-api',
      annotations: {},
      now: NOW,
    });
    expect(s.metadata.annotations).toEqual({ 'driftline.dev/preset': 'cluster-api' });
  });

  it('are read under driftline.io too, so files written before the switch keep their preset', () => {
    const old = parseScheduleObject(
      stored((s) => {
        s.metadata.annotations = { 'driftline.io/preset': 'cluster-api' };
      }),
      FILE,
    );
    expect(backupRequestFor(old, 'nightly-20250601020000').preset).toBe('cluster-api');
  });
});

describe('parseScheduleObject', () => {
  it('reads back what it wrote', () => {
    expect(parseScheduleObject(stored(), FILE).spec.schedule).toBe('0 2 * * *');
  });

  const cases: [string, (s: Json) => void, string][] = [
    [
      'a cron expression that does not parse',
      (s) => {
        s.spec.schedule = '0 25 * * *';
      },
      `${FILE}: spec.schedule: invalid schedule "0 25 * * *"`,
    ],
    [
      'a wrong type',
      (s) => {
        s.spec.schedule = 2;
      },
      `${FILE}: spec.schedule: expected string, received number`,
    ],
    [
      'a missing field',
      (s) => {
        delete s.metadata.creationTimestamp;
      },
      `${FILE}: metadata.creationTimestamp: missing (expected string)`,
    ],
    [
      'a TTL that is not a duration',
      (s) => {
        s.spec.template.ttl = 'a week';
      },
      `${FILE}: spec.template.ttl: `,
    ],
    [
      'a last backup time that is not a time',
      (s) => {
        s.status.lastBackup = 'yesterday';
      },
      `${FILE}: status.lastBackup: "yesterday" is not an RFC 3339 time`,
    ],
    [
      'a selector operator that would be dropped (backing up more than asked)',
      (s) => {
        s.spec.template.labelSelector = {
          matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['a'] }],
        };
      },
      `${FILE}: spec.template.labelSelector.matchExpressions[0].operator: "Equals" is not one of In, NotIn, Exists, DoesNotExist`,
    ],
    [
      'an unknown preset, under either domain',
      (s) => {
        s.metadata.annotations = { 'driftline.io/preset': 'cluster-API' };
      },
      `${FILE}: metadata.annotations["driftline.io/preset"]: "cluster-API" is not a preset (cluster-api)`,
    ],
    [
      'a store flag that is not true or false',
      (s) => {
        s.metadata.annotations = { 'driftline.dev/s3-path-style': 'yes' };
      },
      `${FILE}: metadata.annotations["driftline.dev/s3-path-style"]: "yes" is not "true" or "false"`,
    ],
  ];
  it.each(cases)('refuses %s, naming the file and the field', (_name, edit, message) => {
    expect(problems(stored(edit)).join('\n')).toContain(message);
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(problems('{"apiVersion":')[0]).toMatch(/^\/state\/schedules\/nightly\.json is not valid json: /);
  });
});
