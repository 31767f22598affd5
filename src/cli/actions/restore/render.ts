/** Text renderings of restores for the terminal, modelled on `velero restore get/describe`, plus the dry-run plan. */

import type { BackupResults, ResourceList } from '../../../format/index.js';
import { describeKey } from '../../../model/resource-key.js';
import type {
  BrokenRestore,
  FieldChange,
  ItemOutcome,
  RestoreReport,
  VeleroRestore,
} from '../../../restore/index.js';
import type { Table } from '../../output.js';
import { selectionLines } from '../../render/backup.js';
import { resultLines, selectorText } from '../../render/velero-text.js';

const MAX_LISTED = 20;

/** `velero restore get` columns. */
export function restoreListTable(restores: VeleroRestore[], broken: BrokenRestore[]): Table {
  const rows = restores.map((r) => [
    r.metadata.name,
    r.spec.backupName,
    r.status.phase ?? '<unknown>',
    r.status.startTimestamp ?? '',
    r.status.completionTimestamp ?? '',
    String(r.status.errors ?? 0),
    String(r.status.warnings ?? 0),
  ]);
  for (const b of broken) rows.push([b.name, '', 'Unreadable', '', '', '', '']);
  return { headers: ['NAME', 'BACKUP', 'STATUS', 'STARTED', 'COMPLETED', 'ERRORS', 'WARNINGS'], rows };
}

/** `velero restore describe` text; the resource list and results come with --details. */
export function describeRestore(
  r: VeleroRestore,
  resourceList?: ResourceList,
  results?: BackupResults,
): string {
  const s = r.status;
  const spec = r.spec;
  const mapping = Object.entries(spec.namespaceMapping ?? {}).map(([a, b]) => `${a}=${b}`);
  const lines = [
    `Name:         ${r.metadata.name}`,
    `Namespace:    ${r.metadata.namespace ?? 'velero'}`,
    `Annotations:  ${
      Object.entries(r.metadata.annotations ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>'
    }`,
    '',
    `Phase:                       ${s.phase ?? '<unknown>'}`,
    `Total items to be restored:  ${s.progress?.totalItems ?? 0}`,
    `Items restored:              ${s.progress?.itemsRestored ?? 0}`,
    '',
    `Started:    ${s.startTimestamp ?? '<n/a>'}`,
    `Completed:  ${s.completionTimestamp ?? '<n/a>'}`,
    ...(s.failureReason ? ['', `Failure reason:  ${s.failureReason}`] : []),
    '',
    `Warnings:  ${s.warnings ?? 0}`,
    `Errors:    ${s.errors ?? 0}`,
    '',
    `Backup:  ${spec.backupName}`,
    '',
    ...selectionLines(spec),
    '',
    `Namespace mappings:  ${mapping.join(', ') || '<none>'}`,
    '',
    `Label selector:  ${selectorText(spec.labelSelector)}`,
    '',
    `Existing Resource Policy:  ${spec.existingResourcePolicy ?? 'none'}`,
    '',
    `Restore status:  ${(spec.restoreStatus?.includedResources ?? []).join(', ') || '<none>'}`,
  ];
  if (resourceList) {
    lines.push('', 'Resource List:');
    for (const [type, names] of Object.entries(resourceList))
      lines.push(`  ${type}:`, ...names.map((n) => `    - ${n}`));
  }
  if (results)
    lines.push('', ...resultLines('Errors', results.errors), ...resultLines('Warnings', results.warnings));
  return `${lines.join('\n')}\n`;
}

/** The one-paragraph summary of a finished restore. */
export function restoreSummary(report: RestoreReport, location: string): string {
  const c = report.counts;
  const lines = [
    `Restore ${report.name} ${report.phase}: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed (of ${c.total}) → ${location}`,
  ];
  if (report.resumed)
    lines.push(
      `Resumed an interrupted run: ${c.resumed} objects were already restored (run ${report.runs}).`,
    );
  if (c.differing > 0)
    lines.push(`${c.differing} objects already existed and differ from the backup (see describe --details).`);
  lines.push(...pauseLines(report));
  if (report.phase !== 'Completed')
    lines.push(`Run \`driftline restore describe ${report.name} --details\` to see the errors.`);
  return `${lines.join('\n')}\n`;
}

const MAX_NAMED_CLUSTERS = 5;

// Only clusters this restore paused are named: one it skipped may be paused by an operator.
function pauseLines(report: RestoreReport): string[] {
  const paused = report.pausedClusters ?? [];
  if (report.unpause) {
    if (paused.length === 0) return ['This restore paused no clusters; none unpaused.'];
    const ok = report.unpause.clusters.filter((u) => u.result === 'unpaused').length;
    const ready = report.unpause.waited ? (report.unpause.ok ? ', all ready' : ', not all ready') : '';
    return [`Unpaused ${ok} of ${report.unpause.clusters.length} clusters${ready}.`];
  }
  if (paused.length === 0) return [];
  const few = paused.length <= MAX_NAMED_CLUSTERS;
  const listed = few ? `: ${paused.join(', ')}` : ` (listed in the journal, ${report.journal})`;
  return [
    `Paused ${paused.length} cluster${paused.length === 1 ? '' : 's'}${listed}.`,
    `Run \`driftline unpause ${few ? paused.join(' ') : '--all'}\` when ready.`,
  ];
}

/** The dry-run text: every step, what would happen to every object, field diffs, what is left out. */
export function renderDryRun(report: RestoreReport): string {
  const c = report.counts;
  const lines = [
    `Dry run of restore ${report.name} from backup ${report.backupName} into ${report.targetServer}: nothing is written.`,
    '',
    `Plan: ${report.steps.length} steps, ${c.total} objects, ${report.skipped.length} left out`,
  ];
  let offset = 0;
  for (const step of report.steps) {
    lines.push(`  ${step.index + 1}. ${step.title} (${step.objects})`);
    for (const o of report.outcomes.slice(offset, offset + step.objects)) lines.push(...outcomeLines(o));
    offset += step.objects;
  }
  if (report.problems.length > 0) {
    lines.push('', 'Not restorable (a real restore refuses before writing anything):');
    for (const p of report.problems) lines.push(`  ${p.resource} (${p.count}): ${p.message}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', 'Left out:');
    for (const s of report.skipped.slice(0, MAX_LISTED)) lines.push(`  ${describeKey(s.key)}: ${s.reason}`);
    if (report.skipped.length > MAX_LISTED)
      lines.push(`  … ${report.skipped.length - MAX_LISTED} more (-o json lists all)`);
  }
  for (const w of report.planWarnings) lines.push(`warning: ${w}`);
  lines.push(
    '',
    `Summary: would create ${c.created}, update ${c.updated}, skip ${c.skipped} (${c.differing} differ), fail ${c.failed}`,
  );
  return `${lines.join('\n')}\n`;
}

function outcomeLines(o: ItemOutcome): string[] {
  const word = { created: 'create', updated: 'update', skipped: 'skip', failed: 'fail' }[o.action];
  const detail = o.detail.replace(/^would \w+(: )?/, '');
  const head = `     ${word.padEnd(7)}${describeKey(o.key)}${detail ? `  (${detail})` : ''}`;
  return [
    head,
    ...(o.warnings ?? []).map((w) => `               ! ${w}`),
    ...(o.changes ?? []).map(changeLine),
  ];
}

function changeLine(change: FieldChange): string {
  const path = change.path || '/';
  if (change.op === 'add') return `               + ${path}: ${show(change.new)}`;
  if (change.op === 'remove') return `               - ${path}: ${show(change.old)}`;
  return `               ~ ${path}: ${show(change.old)} → ${show(change.new)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
