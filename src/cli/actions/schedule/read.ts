/** `schedule list | describe` run here: what is scheduled, when it last ran and when it runs next. */
import { decideRun, parseCron } from '../../../backup/schedule.js';
import { scheduleState, type VeleroSchedule } from '../../../backup/schedule-object.js';
import type { BrokenSchedule } from '../../../backup/schedule-store.js';
import { selectorText } from '../../../backup/schedule-template.js';
import { readAnnotation, SCHEDULE_ANNOTATIONS } from '../../../model/vocabulary.js';
import type { StateFlags } from '../../commands/schedule/flags.js';
import type { CliContext } from '../../context.js';
import { printData, printList, type Table } from '../../output.js';
import { openSchedules } from './store.js';

/** Lists the schedules. */
export async function scheduleList(ctx: CliContext, flags: StateFlags): Promise<void> {
  const store = openSchedules(flags, ctx.env);
  const { schedules, broken } = await store.list();
  printList(
    ctx,
    { schedules, broken },
    () => scheduleTable(schedules, broken, new Date()),
    `No schedules in ${store.dir}.`,
  );
  for (const b of broken) ctx.stderr.write(`warning: schedule ${b.name} is unreadable: ${b.error}\n`);
}

/** Shows one schedule, its backup template and its next run. */
export async function scheduleDescribe(ctx: CliContext, name: string, flags: StateFlags): Promise<void> {
  const store = openSchedules(flags, ctx.env);
  const schedule = await store.get(name);
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
    printData(ctx, schedule, () => ({ headers: [], rows: [] }));
  else ctx.stdout.write(describeSchedule(schedule, store.path(name), new Date()));
}

/** `velero schedule get` columns, plus the next run. */
export function scheduleTable(schedules: VeleroSchedule[], broken: BrokenSchedule[], now: Date): Table {
  const rows = schedules.map((s) => [
    s.metadata.name,
    s.status?.phase ?? 'New',
    s.metadata.creationTimestamp,
    s.spec.schedule,
    s.spec.template.ttl ?? '',
    s.status?.lastBackup ? ago(new Date(s.status.lastBackup), now) : 'n/a',
    nextRunText(s, now),
    s.spec.template.labelSelector ? (selectorText(s.spec.template.labelSelector) ?? '<none>') : '<none>',
    String(Boolean(s.spec.paused)),
  ]);
  for (const b of broken) rows.push([b.name, 'Unreadable', '', '', '', '', '', '', '']);
  return {
    headers: [
      'NAME',
      'STATUS',
      'CREATED',
      'SCHEDULE',
      'BACKUP TTL',
      'LAST BACKUP',
      'NEXT BACKUP',
      'SELECTOR',
      'PAUSED',
    ],
    rows,
  };
}

/** `velero schedule describe`-like text. */
export function describeSchedule(s: VeleroSchedule, file: string, now: Date): string {
  const t = s.spec.template;
  const annotations = Object.entries(s.metadata.annotations ?? {}).map(([k, v]) => `${k}=${v}`);
  return `${[
    `Name:         ${s.metadata.name}`,
    `Namespace:    ${s.metadata.namespace ?? 'velero'}`,
    `Annotations:  ${annotations.join('\n              ') || '<none>'}`,
    `File:         ${file}`,
    '',
    `Phase:  ${s.status?.phase ?? 'New'}`,
    `Paused:  ${Boolean(s.spec.paused)}`,
    '',
    `Schedule:  ${s.spec.schedule}`,
    `Skip immediately:  ${Boolean(s.spec.skipImmediately)}`,
    `Last Backup:  ${s.status?.lastBackup ?? '<never>'}`,
    `Next Backup:  ${nextRunText(s, now)}`,
    '',
    'Backup Template:',
    `  Namespaces:  included ${(t.includedNamespaces ?? ['*']).join(', ')}; excluded ${(t.excludedNamespaces ?? []).join(', ') || '<none>'}`,
    `  Resources:   included ${(t.includedResources ?? ['*']).join(', ')}; excluded ${(t.excludedResources ?? []).join(', ') || '<none>'}`,
    `  Cluster-scoped:  ${t.includeClusterResources === undefined || t.includeClusterResources === null ? 'auto' : t.includeClusterResources ? 'included' : 'excluded'}`,
    `  Label selector:  ${t.labelSelector ? (selectorText(t.labelSelector) ?? '<none>') : '<none>'}`,
    `  Preset:  ${readAnnotation(s.metadata.annotations, SCHEDULE_ANNOTATIONS.preset) ?? '<none>'}`,
    `  TTL:  ${t.ttl ?? '720h0m0s'}`,
  ].join('\n')}\n`;
}

function nextRunText(s: VeleroSchedule, now: Date): string {
  try {
    const d = decideRun(parseCron(s.spec.schedule), scheduleState(s), now);
    if (s.spec.paused) return 'paused';
    return d.due
      ? 'due now (next time the scheduler runs)'
      : (d.nextRun?.toISOString().replace(/\.\d+Z$/, 'Z') ?? '');
  } catch {
    return 'invalid schedule';
  }
}

function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 120) return `${s}s ago`;
  if (s < 7200) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}
