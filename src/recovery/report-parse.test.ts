/** parseReport: a report detect wrote is read back whole; a tampered one is refused naming file and field. */
import { describe, expect, it } from 'vitest';
import { driftedFleetReport } from '../../test/support/recovery/fixtures.js';
import { DriftlineError } from '../common/errors.js';
import { parseReport } from './report-parse.js';

const FILE = 'report.json';

// Tampering writes wrong types on purpose, so the edited document is untyped JSON.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

/** A JSON round trip of a real report, edited by `edit`. */
function tampered(edit: (r: Json) => void): unknown {
  const r = JSON.parse(JSON.stringify(driftedFleetReport()));
  edit(r);
  return r;
}

function refusal(value: unknown): DriftlineError {
  try {
    parseReport(value, FILE);
  } catch (err) {
    if (err instanceof DriftlineError) return err;
    throw new Error(`not a DriftlineError: ${String(err)}`);
  }
  throw new Error('the report was accepted');
}

const ghostStep = (r: Json): Json => r.clusters[1].ghosts[0].remediation[0];

describe('parseReport', () => {
  it('reads back exactly what detect wrote', () => {
    const written = driftedFleetReport();
    expect(parseReport(JSON.parse(JSON.stringify(written)), FILE)).toEqual(written);
  });

  it('accepts fields a later v1alpha1 adds (the schema changes only additively) and drops them', () => {
    const r = tampered((x) => {
      x.newField = 1;
      x.clusters[0].later = 'x';
    }) as Record<string, unknown>;
    const parsed = parseReport(r, FILE) as unknown as Record<string, unknown>;
    expect(parsed.newField).toBeUndefined();
  });

  const cases: [string, unknown, string, string][] = [
    [
      'a wrong type in a field remediate uses (a BIOS UUID as a number)',
      tampered((r) => {
        ghostStep(r).action.target.uuid = 42;
      }),
      'report.invalid',
      'report.json: clusters[1].ghosts[0].remediation[0].action.target.uuid: expected string, received number',
    ],
    [
      'a missing field (the step list of a ghost)',
      tampered((r) => {
        delete r.clusters[1].ghosts[0].remediation;
      }),
      'report.invalid',
      'report.json: clusters[1].ghosts[0].remediation: missing (expected array)',
    ],
    [
      'an action remediate does not know',
      tampered((r) => {
        ghostStep(r).action.type = 'format-disk';
      }),
      'report.invalid',
      'report.json: clusters[1].ghosts[0].remediation[0].action.type: expected one of',
    ],
    [
      'a step filed under one cluster that acts on another',
      tampered((r) => {
        ghostStep(r).action.target.cluster = 'prod/ok';
      }),
      'report.invalid',
      'report.json: clusters[1].ghosts[0].remediation[0].action.target.cluster: prod/ok, but the step belongs to cluster prod/wc1',
    ],
    [
      'an unknown apiVersion',
      tampered((r) => {
        r.apiVersion = 'driftline.dev/v2';
      }),
      'report.unsupported',
      'report.json: apiVersion "driftline.dev/v2" is not supported: this driftline reads driftline.dev/v1alpha1 reports',
    ],
    [
      'another kind of document',
      { apiVersion: 'velero.io/v1', kind: 'Backup' },
      'report.invalid',
      'report.json is not a driftline detect report: kind is "Backup", not RecoveryDriftReport',
    ],
    ['a JSON array', [], 'report.invalid', 'report.json: (document): expected a JSON object, got an array'],
    ['null', null, 'report.invalid', 'report.json: (document): expected a JSON object, got null'],
  ];

  it.each(cases)('refuses %s, naming the file and the field', (_name, value, code, message) => {
    const err = refusal(value);
    expect(err.code).toBe(code);
    expect(err.problems.join('\n')).toContain(message);
  });

  it('lists every problem, one line each, ten at most', () => {
    const err = refusal(
      tampered((r) => {
        for (const c of r.clusters) {
          c.name = 7;
          c.stale = 'no';
          c.paused = 'no';
          c.problems = 'none';
          c.message = null;
          c.status = 'Fine';
        }
      }),
    );
    expect(err.problems).toHaveLength(11);
    expect(err.problems.at(-1)).toBe('report.json: 2 more problem(s)');
    expect(err.problems.every((p) => p.startsWith('report.json'))).toBe(true);
  });
});
