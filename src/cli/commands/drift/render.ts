/** Tables for the drift commands: the fleet status, drifted objects with their diffs, correction results. */
import { describeAttribution } from '../../../profiles/events.js';
import type { ObjectRecord } from '../../../profiles/state.js';
import { type FleetSummary, formatAge } from '../../../profiles/summary.js';
import type { CliContext } from '../../context.js';
import { paint, printData, renderTable } from '../../output.js';

const COLOURS = {
  InSync: 'green',
  Drifted: 'yellow',
  Contested: 'red',
  Unreachable: 'red',
  Pending: 'yellow',
  Ignored: 'bold',
} as const;

/** The fleet table, then each object that is not in sync with its field diff. */
export function renderSummary(ctx: CliContext, summary: FleetSummary, now: number): string {
  if (summary.rows.length === 0)
    return 'No drift state yet: run `driftline drift run --profiles DIR` first.\n';
  const fleet = renderTable({
    headers: ['CLUSTER', 'PROFILE', 'STATUS', 'OBJECTS', 'DRIFTED', 'CONTESTED', 'OLDEST DRIFT'],
    rows: summary.rows.map((r) => [
      r.cluster,
      r.profile,
      paint(ctx, COLOURS[r.status], r.status),
      String(r.objects),
      String(r.drifted),
      String(r.contested),
      formatAge(r.oldestDriftSeconds),
    ]),
  });
  const details = summary.objects.map((o) => renderObject(ctx, o, now)).join('');
  const notes = summary.notes.map((n) => `note: ${n.cluster}: ${n.note}\n`).join('');
  return `${fleet}${details ? `\n${details}` : ''}${notes ? `\n${notes}` : ''}`;
}

/** Prints a summary as a table (default) or as JSON/YAML. */
export function printSummary(ctx: CliContext, summary: FleetSummary, now: number): void {
  if ((ctx.globals.output ?? 'table') === 'table') ctx.stdout.write(renderSummary(ctx, summary, now));
  else printData(ctx, summary, () => ({ headers: [], rows: [] }));
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
