/** `driftline detect` runs here: compare a backup with vSphere and the workload clusters before a restore. */
import { writeFileSync } from 'node:fs';
import { detect } from '../../detect/run-detect.js';
import {
  exitCodeFor,
  type RecoveryDriftReport,
  renderHtml,
  renderMarkdown,
  renderTable,
} from '../../recovery/index.js';
import type { DetectFlags } from '../commands/detect.js';
import type { CliContext } from '../context.js';
import { openRepository } from '../open-repository.js';
import { vsphereFlags } from '../vsphere-flags.js';

/** Gathers the evidence, classifies, and prints or writes the report. */
export async function detectAction(ctx: CliContext, flags: DetectFlags): Promise<void> {
  const report = await detect({
    backup: flags.backup,
    repository: () => openRepository(flags, ctx.env),
    vsphere: vsphereFlags(flags),
    skipAccessApiserver: flags.skipAccessApiserver,
    ignoreHealthyResources: flags.ignoreHealthyResources,
    env: ctx.env,
    logger: ctx.logger,
  });
  const format = flags.format ?? (flags.output ? 'json' : 'table');
  const text = render(report, format, ctx.globals.color);
  if (flags.output) {
    writeFileSync(flags.output, text, { mode: 0o644 });
    ctx.stderr.write(
      `report written to ${flags.output}: ${report.summary.status} — ${report.summary.message}\n`,
    );
  } else ctx.stdout.write(text);
  ctx.setExitCode(exitCodeFor(report));
}

function render(report: RecoveryDriftReport, format: string, color: boolean): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'table':
      return renderTable(report, { color });
    default:
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
