/** Tables for the drift commands: the fleet status, drifted objects with their diffs, reachability and watch notes. */
import { describeAttribution } from '../../../profiles/events.js';
import type { PassDrift } from '../../../profiles/pass-report.js';
import type { ObjectRecord } from '../../../profiles/state.js';
import { type FleetRow, type FleetSummary, formatAge } from '../../../profiles/summary.js';
import type { CliContext } from '../../context.js';
import { paint, printData, renderTable } from '../../output.js';
import { renderPassDrifts } from './render-pass.js';

const COLOURS = {
  InSync: 'green',
  Drifted: 'yellow',
  Contested: 'red',
  Unreachable: 'red',
  Pending: 'yellow',
  Ignored: 'bold',
} as const;

/** What to print besides the fleet summary. */
export interface SummaryOptions {
  /** The line for an empty fleet (printed on stderr, as list commands do). */
  empty: string;
  /** `drift run --once`: the drifts the pass found and what it did about each. */
  drifts?: PassDrift[];
  /** Say which clusters no running `drift run` watches (`drift status`). */
  watchNote?: boolean;
}

/** The fleet table, the pass's drifts, each object not in sync with its diff, unreachable clusters, notes. */
export function renderSummary(
  ctx: CliContext,
  summary: FleetSummary,
  now: number,
  options: Omit<SummaryOptions, 'empty'> = {},
): string {
  const fleet = renderTable({
    headers: ['CLUSTER', 'PROFILE', 'STATUS', 'OBJECTS', 'DRIFTED', 'CONTESTED', 'OLDEST DRIFT', 'OBSERVED'],
    rows: summary.rows.map((r) => [
      r.cluster,
      r.profile,
      paint(ctx, COLOURS[r.status], r.status),
      String(r.objects),
      String(r.drifted),
      String(r.contested),
      formatAge(r.oldestDriftSeconds),
      observed(r, now),
    ]),
  });
  const sections = [
    options.drifts?.length ? renderPassDrifts(ctx, options.drifts) : '',
    summary.objects.map((o) => renderObject(ctx, o, now)).join(''),
    unreachable(ctx, summary.rows),
    summary.notes.map((n) => `note: ${n.cluster}: ${n.note}\n`).join(''),
    options.watchNote ? unwatched(summary.rows) : '',
  ];
  return [fleet, ...sections.filter(Boolean)].join('\n');
}

/** Prints a summary as a table (default) or as JSON/YAML (`{rows, objects, notes}`, plus `drifts` for a pass). */
export function printSummary(
  ctx: CliContext,
  summary: FleetSummary,
  now: number,
  options: SummaryOptions,
): void {
  const data = options.drifts ? { ...summary, drifts: options.drifts } : summary;
  if ((ctx.globals.output ?? 'table') !== 'table') printData(ctx, data, () => ({ headers: [], rows: [] }));
  else if (summary.rows.length === 0) ctx.stderr.write(`${options.empty}\n`);
  else ctx.stdout.write(renderSummary(ctx, summary, now, options));
}

function observed(row: FleetRow, now: number): string {
  if (!row.observedAt) return '-';
  return `${formatAge(Math.max(0, Math.round((now - Date.parse(row.observedAt)) / 1000)))} ago`;
}

// Why a cluster is Unreachable, once per cluster (its rows repeat per profile).
function unreachable(ctx: CliContext, rows: FleetRow[]): string {
  const seen = new Map<string, string>();
  for (const r of rows)
    if (r.status === 'Unreachable' && !seen.has(r.cluster)) seen.set(r.cluster, r.lastError ?? 'no answer');
  return [...seen]
    .map(([cluster, why]) => `${paint(ctx, COLOURS.Unreachable, 'Unreachable')} ${cluster}: ${why}\n`)
    .join('');
}

// Stored state only stays current while a `drift run` watches; say so when none does.
function unwatched(rows: FleetRow[]): string {
  const clusters = [...new Set(rows.filter((r) => !r.watched).map((r) => r.cluster))];
  if (clusters.length === 0) return '';
  const all = clusters.length === new Set(rows.map((r) => r.cluster)).size;
  const which = all
    ? ''
    : ` ${clusters.slice(0, 10).join(', ')}${clusters.length > 10 ? ` and ${clusters.length - 10} more` : ''}`;
  return `note: no running \`driftline drift run\` is watching${all ? ' any cluster' : which}: the state shown is as of OBSERVED, and drift since then is not in it.\n`;
}

function renderObject(ctx: CliContext, o: ObjectRecord, now: number): string {
  const where = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
  const age = o.since ? ` for ${formatAge(Math.round((now - Date.parse(o.since)) / 1000))}` : '';
  const head = `${paint(ctx, COLOURS[o.status], o.status)} ${where} on ${o.cluster} (profile ${o.profile})${age}\n`;
  const lines = [
    ...(o.attribution?.length ? [`  changed by: ${describeAttribution(o.attribution)}`] : []),
    ...(o.status === 'Drifted' || o.status === 'Contested'
      ? (o.lastDiff ?? []).map((c) => `  ${c.path || '(object)'}: ${show(c.old)} → ${show(c.new)}`)
      : []),
    ...(o.message ? [`  ${o.message}`] : []),
    ...(o.lastCorrection
      ? [`  last correction: ${o.lastCorrection.result} (${o.lastCorrection.by}) at ${o.lastCorrection.at}`]
      : []),
  ];
  return `${head}${lines.map((l) => `${l}\n`).join('')}`;
}

function show(value: unknown): string {
  if (value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
