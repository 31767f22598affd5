/** Text renderings of backups for the terminal, modelled on `velero backup get/describe`. */
import type { TarballSummary } from '../../backup/inspect.js';
import type { BrokenBackup } from '../../backup/repository.js';
import type { BackupResults, ResourceList, VeleroBackup } from '../../format/index.js';
import type { Table } from '../output.js';
import { resultLines, selectorText } from './velero-text.js';

/** `velero backup get` columns. */
export function listTable(backups: VeleroBackup[], broken: BrokenBackup[]): Table {
  const rows = backups.map((b) => [
    b.metadata.name,
    b.status?.phase ?? '<unknown>',
    String(b.status?.errors ?? 0),
    String(b.status?.warnings ?? 0),
    b.status?.startTimestamp ?? '',
    expiresIn(b.status?.expiration ?? undefined),
    b.spec?.storageLocation ?? 'default',
    selectorText(b.spec?.labelSelector),
  ]);
  for (const b of broken) rows.push([b.name, 'Unreadable', '', '', '', '', '', '']);
  return {
    headers: ['NAME', 'STATUS', 'ERRORS', 'WARNINGS', 'CREATED', 'EXPIRES', 'STORAGE LOCATION', 'SELECTOR'],
    rows,
  };
}

/** `velero backup describe` text, with the resource list and results under --details. */
export function describeBackup(
  b: VeleroBackup,
  resourceList?: ResourceList,
  results?: BackupResults,
): string {
  const s = b.status ?? {};
  const spec = b.spec ?? {};
  const lines = [
    `Name:         ${b.metadata.name}`,
    `Namespace:    ${b.metadata.namespace ?? 'velero'}`,
    `Labels:       ${labelsText(b.metadata.labels ?? undefined)}`,
    '',
    `Phase:  ${s.phase ?? '<unknown>'}`,
    '',
    `Errors:    ${s.errors ?? 0}`,
    `Warnings:  ${s.warnings ?? 0}`,
    '',
    ...selectionLines(spec),
    '',
    `Label selector:  ${selectorText(b.spec?.labelSelector)}`,
    '',
    `Storage Location:  ${spec.storageLocation ?? 'default'}`,
    '',
    `TTL:  ${spec.ttl ?? '<none>'}`,
    '',
    `Backup Format Version:  ${s.formatVersion ?? '<unknown>'}`,
    '',
    `Started:    ${s.startTimestamp ?? '<n/a>'}`,
    `Completed:  ${s.completionTimestamp ?? '<n/a>'}`,
    '',
    `Expiration:  ${s.expiration ?? '<none>'}`,
    '',
    `Total items to be backed up:  ${s.progress?.totalItems ?? 0}`,
    `Items backed up:              ${s.progress?.itemsBackedUp ?? 0}`,
  ];
  if (resourceList) {
    lines.push('', 'Resource List:');
    for (const [type, names] of Object.entries(resourceList)) {
      lines.push(`  ${type}:`, ...names.map((n) => `    - ${n}`));
    }
  }
  if (results)
    lines.push('', ...resultLines('Errors', results.errors), ...resultLines('Warnings', results.warnings));
  return `${lines.join('\n')}\n`;
}

/** `backup inspect` text. */
export function describeTarball(file: string, t: TarballSummary): string {
  const lines = [
    `File:            ${file}`,
    `Format version:  ${t.formatVersion ?? '<missing>'}`,
    `Items:           ${t.items}`,
    `Namespaces:      ${t.namespaces.join(', ') || '<none>'}`,
    '',
    'Resources:',
    ...Object.entries(t.byType).map(([type, n]) => `  ${type}: ${n}`),
  ];
  if (t.objects) lines.push('', 'Objects:', ...t.objects.map((o) => `  ${o}`));
  return `${lines.join('\n')}\n`;
}

function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function expiresIn(expiration: string | undefined): string {
  if (!expiration) return '';
  const days = Math.floor((Date.parse(expiration) - Date.now()) / 86_400_000);
  return days >= 0 ? `${days}d` : 'expired';
}

/** The Namespaces / Resources block `describe` prints for a backup's or a restore's selection (Velero's words). */
export function selectionLines(spec: {
  includedNamespaces?: string[] | null;
  excludedNamespaces?: string[] | null;
  includedResources?: string[] | null;
  excludedResources?: string[] | null;
  includeClusterResources?: boolean | null;
}): string[] {
  const included = (list?: string[] | null) => (list ?? ['*']).join(', ');
  const excluded = (list?: string[] | null) => (list ?? []).join(', ') || '<none>';
  const clusterScoped = spec.includeClusterResources ?? undefined;
  return [
    'Namespaces:',
    `  Included:  ${included(spec.includedNamespaces)}`,
    `  Excluded:  ${excluded(spec.excludedNamespaces)}`,
    '',
    'Resources:',
    `  Included:        ${included(spec.includedResources)}`,
    `  Excluded:        ${excluded(spec.excludedResources)}`,
    `  Cluster-scoped:  ${clusterScoped === undefined ? 'auto' : clusterScoped ? 'included' : 'excluded'}`,
  ];
}
