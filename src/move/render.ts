/** Text forms of a move's plan, result and status for the terminal (pure). */
import type { MovePreview } from './preview.js';
import type { MoveReport } from './types.js';

/** A table of strings (the CLI's table shape). */
export interface TextTable {
  headers: string[];
  rows: string[][];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : 'none');

/** The dry-run plan: what is paused, created (owners first), deleted, kept and unpaused. */
export function renderPreview(p: MovePreview): string {
  const lines = [
    `Move plan (dry run, nothing changed): ${plural(p.clusters.length, 'cluster')}, ${plural(p.total, 'object')}`,
    `  from ${p.source}`,
    `  to   ${p.target}`,
    '',
    `1. Pause in the source: ${list(p.clusters)}`,
    `2. Create in the target, owners first${p.namespacesToCreate.length ? ` (namespaces created: ${list(p.namespacesToCreate)})` : ''}:`,
  ];
  for (const s of p.steps) {
    lines.push(`   ${s.index + 1}. ${s.title} (${s.objects.length})`);
    for (const o of s.objects) {
      const notes = [
        o.paused ? 'paused' : '',
        o.action === 'adopt' ? 'identical object in the target, adopted' : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(`      ${o.action} ${o.object}${notes ? `  (${notes})` : ''}  ← ${o.reason}`);
    }
  }
  const objects = p.steps.flatMap((s) => s.objects);
  const kept = objects.filter((o) => o.source === 'keep');
  lines.push(
    '3. Verify every object and owner reference in the target',
    `4. Delete from the source (finalizers removed, propagationPolicy Orphan): ${plural(objects.length - kept.length, 'object')}, in reverse order`,
  );
  for (const o of kept) lines.push(`      keep ${o.object}  (${o.keepReason})`);
  lines.push(`5. Unpause in the target: ${list(p.clusters)}`);
  for (const w of p.warnings) lines.push(`warning: ${w}`);
  if (p.problems.length > 0) {
    lines.push('', 'The move would be refused:');
    for (const problem of p.problems) lines.push(`  - ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The summary of a run (or of `--status NAME`). */
export function renderReport(r: MoveReport): string {
  const c = r.counts;
  const lines = [
    `Move ${r.name} ${r.phase} (step ${r.step}, run ${r.runs})`,
    `  from ${r.source}`,
    `  to   ${r.target}`,
    `  clusters: ${list(r.clusters)}`,
    `  objects: ${c.objects}; in the target ${c.created} created, ${c.adopted} adopted; in the source ${c.deleted} deleted, ${c.kept} kept`,
    `  paused in the source: ${list(r.pausedInSource)}`,
    `  paused in the target: ${list(r.pausedInTarget)}`,
  ];
  if (r.createdNamespaces.length > 0)
    lines.push(`  namespaces created in the target: ${list(r.createdNamespaces)}`);
  for (const [id, why] of Object.entries(r.kept)) lines.push(`  kept in the source: ${id} (${why})`);
  if (r.error) lines.push(`  last error: ${r.error.split('\n')[0]}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  lines.push(`Journal: ${r.journal}`);
  return `${lines.join('\n')}\n`;
}

/** One row per move. */
export function statusTable(reports: readonly MoveReport[]): TextTable {
  return {
    headers: [
      'NAME',
      'PHASE',
      'STEP',
      'OBJECTS',
      'CREATED',
      'DELETED',
      'PAUSED-IN-SOURCE',
      'PAUSED-IN-TARGET',
      'UPDATED',
    ],
    rows: reports.map((r) => [
      r.name,
      r.phase,
      r.step,
      String(r.counts.objects),
      String(r.counts.created + r.counts.adopted),
      String(r.counts.deleted),
      list(r.pausedInSource),
      list(r.pausedInTarget),
      r.updatedAt ?? '',
    ]),
  };
}
