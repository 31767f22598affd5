/** The table of what a `drift run --once` pass found and did: one line per drift, with its fields and the action taken. */
import { describeKey } from '../../../model/resource-key.js';
import type { PassAction, PassDrift } from '../../../profiles/pass-report.js';
import type { CliContext } from '../../context.js';
import { paint, renderTable } from '../../output.js';

const ACTION_COLOURS: Record<PassAction, 'green' | 'yellow' | 'red'> = {
  corrected: 'green',
  manual: 'yellow',
  'dry-run': 'yellow',
  contested: 'red',
  failed: 'red',
  'still-drifted': 'red',
};

const MAX_PATHS = 3;

/** One line per drift: where, what kind, what the pass did, which fields (paths only, never values). */
export function renderPassDrifts(ctx: CliContext, drifts: readonly PassDrift[]): string {
  return renderTable({
    headers: ['CLUSTER', 'PROFILE', 'OBJECT', 'DRIFT', 'ACTION', 'FIELDS'],
    rows: drifts.map((d) => [
      d.cluster,
      d.profile,
      describeKey(d),
      d.drift === 'missing' ? 'deleted' : (d.drift ?? '-'),
      paint(ctx, ACTION_COLOURS[d.action], d.action),
      fields(d),
    ]),
  });
}

function fields(d: PassDrift): string {
  if (d.drift === 'missing' || d.diff.length === 0) return '-';
  const paths = d.diff.slice(0, MAX_PATHS).map((c) => c.path || '(object)');
  const more = d.diff.length > MAX_PATHS ? ` +${d.diff.length - MAX_PATHS} more` : '';
  return `${paths.join(', ')}${more}`;
}
