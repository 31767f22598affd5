/** `driftline backup diff A B | A --live`: what changed between two backups, or since a backup. */
import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
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
import type { CliContext } from '../../context.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../exit-codes.js';
import { connectCurrent } from '../../kube.js';
import { paint, renderTable } from '../../output.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';

type DiffFormat = 'table' | 'json' | 'unified';

interface DiffFlags extends StoreFlags {
  live?: boolean;
  includeStatus?: boolean;
  clusterApi?: boolean;
  output: DiffFormat;
}

/** Registers `backup diff`. */
export function registerBackupDiff(parent: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = parent
    .command('diff <from> [to]')
    .description(
      'show added, removed and changed objects between two backups, or between a backup and the cluster',
    )
    .option('--live', 'compare <from> with the current context instead of a second backup')
    .option('--include-status', 'also compare status (ignored by default, as Velero ignores it on restore)')
    .option(
      '--cluster-api',
      'with --live: apply the --cluster-api preset to the live side, as backup create did',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format: table|json|unified')
        .choices(['table', 'json', 'unified'])
        .default('table'),
    )
    .addHelpText(
      'after',
      '\n<from>/<to> name backups in the store, or local tarballs (a path ending in .tar.gz).\n' +
        'Secret values are never shown, only which keys changed.\n' +
        'Exit codes: 0 identical, 1 differences found, 2 error.\n' +
        'Examples:\n  driftline backup diff nightly-20250101020000 nightly-20250102020000\n' +
        '  driftline backup diff before-upgrade --live -o unified',
    );
  addStoreOptions(cmd).action(
    async (from: string, to: string | undefined, flags: DiffFlags, command: Command) => {
      const ctx = makeContext(command);
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
    },
  );
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
