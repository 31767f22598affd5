/** `driftline backup inspect FILE` runs here: summarise a local tarball; needs no store. */
import { createReadStream } from 'node:fs';
import { inspectTarball } from '../../../backup/inspect.js';
import type { CliContext } from '../../context.js';
import { printData } from '../../output.js';
import { describeTarball } from '../../render/backup.js';

/** Reads the tarball and prints its summary (with --objects every object). */
export async function backupInspect(
  ctx: CliContext,
  file: string,
  flags: { objects?: boolean },
): Promise<void> {
  const summary = await inspectTarball(createReadStream(file), { listObjects: flags.objects });
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
    printData(ctx, summary, () => ({ headers: [], rows: [] }));
  else ctx.stdout.write(describeTarball(file, summary));
}
