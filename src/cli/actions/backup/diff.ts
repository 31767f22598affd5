/** `driftline backup diff A B | A --live` runs here: what changed between two backups, or since a backup. */
import { existsSync } from 'node:fs';
import {
  type BackupDiff,
  type BackupSource,
  diffBackups,
  hasDifferences,
  type ObjectDifference,
  storedBackup,
  tarballFile,
} from '../../../backup/diff.js';
import { diffBackupWithLive } from '../../../backup/diff-live.js';
import type { BackupRepository } from '../../../backup/repository.js';
import { UsageError } from '../../../common/errors.js';
import { renderObjectDiff } from '../../../diff/index.js';
import type { DiffFlags, DiffFormat } from '../../commands/backup/diff.js';
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../exit-codes.js';
import { connectCurrent } from '../../kube.js';
import { openRepository } from '../../open-repository.js';
import { paint, renderTable } from '../../output.js';

/** Compares backup `from` with backup `to`, or with the live cluster (--live). */
export async function backupDiff(
  ctx: CliContext,
  from: string,
  to: string | undefined,
  flags: DiffFlags,
): Promise<void> {
  if (Boolean(flags.live) === (to !== undefined))
    throw new UsageError('give either a second backup or --live (not both, not neither)');
  if (flags.clusterApi && !flags.live) throw new UsageError('--cluster-api only applies with --live');
  let opened: BackupRepository | undefined;
  const repo = (): BackupRepository => (opened ??= openRepository(flags, ctx.env));
  const options = { includeStatus: flags.includeStatus, keepObjects: flags.output === 'unified' };
  const diff = to
    ? await diffBackups(sourceFor(from, repo), sourceFor(to, repo), options)
    : await diffLive(ctx, sourceFor(from, repo), {
        ...options,
        preset: flags.clusterApi ? 'cluster-api' : undefined,
      });
  for (const w of diff.warnings) ctx.stderr.write(`warning: ${w}\n`);
  ctx.stdout.write(render(ctx, diff, flags.output));
  ctx.setExitCode(hasDifferences(diff) ? EXIT_FINDINGS : EXIT_OK);
}

async function diffLive(
  ctx: CliContext,
  source: BackupSource,
  options: Parameters<typeof diffBackupWithLive>[2],
): Promise<BackupDiff> {
  const client = connectCurrent(ctx);
  try {
    const liveLabel = ctx.globals.context ? `live (${ctx.globals.context})` : 'live';
    return await diffBackupWithLive(source, client, { ...options, liveLabel });
  } finally {
    client.close();
  }
}

// A path to a tarball (from `velero backup download`) or a backup name in the store.
function sourceFor(arg: string, repo: () => BackupRepository): BackupSource {
  if (arg.endsWith('.tar.gz') || arg.includes('/')) {
    if (!existsSync(arg)) throw new UsageError(`no such tarball: ${arg}`);
    return tarballFile(arg);
  }
  return storedBackup(repo(), arg);
}

function render(ctx: CliContext, diff: BackupDiff, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(toJson(diff), null, 2)}\n`;
  if (format === 'unified') return diff.differences.map((d) => unified(diff, d)).join('');
  const s = diff.summary;
  const total = `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged (${diff.from} → ${diff.to})\n`;
  if (!hasDifferences(diff)) return `No differences: ${total}`;
  const colour = { added: 'green', removed: 'red', changed: 'yellow' } as const;
  const rows = diff.differences.map((d) => [
    d.kind,
    d.namespace || '-',
    d.name,
    paint(ctx, colour[d.change], d.change),
    fieldList(d),
  ]);
  return `${renderTable({ headers: ['KIND', 'NAMESPACE', 'NAME', 'CHANGE', 'FIELDS'], rows })}\n${total}`;
}

function fieldList(d: ObjectDifference, max = 6): string {
  if (d.change !== 'changed') return '-';
  const paths = d.fields.map((f) => f.path || '/');
  return paths.length > max
    ? `${paths.slice(0, max).join(', ')}, … (+${paths.length - max})`
    : paths.join(', ');
}

function toJson(diff: BackupDiff): unknown {
  return {
    from: diff.from,
    to: diff.to,
    summary: diff.summary,
    warnings: diff.warnings,
    differences: diff.differences.map(({ from: _f, to: _t, ...rest }) => rest),
  };
}

function unified(diff: BackupDiff, d: ObjectDifference): string {
  const id = [d.group || 'core', d.kind, d.namespace || '_cluster', d.name].join('/');
  return renderObjectDiff(d.from, d.to, {
    fromLabel: d.from ? `${diff.from}/${id}` : '/dev/null',
    toLabel: d.to ? `${diff.to}/${id}` : '/dev/null',
  });
}
