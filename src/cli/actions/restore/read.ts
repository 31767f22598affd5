/** `restore list | describe | logs` run here: reading the restores recorded in the store. */
import { RestoreRecords } from '../../../restore/index.js';
import type { CliContext } from '../../context.js';
import { openRepository } from '../../open-repository.js';
import { printData, printList } from '../../output.js';
import type { StoreFlags } from '../../store-options.js';
import { describeRestore, restoreListTable } from './render.js';

/** Lists the restores recorded in the store, newest first. */
export async function restoreList(ctx: CliContext, flags: StoreFlags): Promise<void> {
  const repo = openRepository(flags, ctx.env);
  const { restores, broken } = await new RestoreRecords(repo).list();
  printList(
    ctx,
    { restores, broken },
    () => restoreListTable(restores, broken),
    `No restores in ${repo.location}.`,
  );
  for (const b of broken) ctx.stderr.write(`warning: restore ${b.name} is unreadable: ${b.error}\n`);
}

/** Shows one restore (with --details every object and the results). */
export async function restoreDescribe(
  ctx: CliContext,
  name: string,
  flags: StoreFlags & { details?: boolean },
): Promise<void> {
  const records = new RestoreRecords(openRepository(flags, ctx.env));
  const restore = await records.get(name);
  const resourceList = flags.details ? await records.resourceList(name) : undefined;
  const results = flags.details ? await records.results(name) : undefined;
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
    printData(ctx, { restore, resourceList, results }, () => ({ headers: [], rows: [] }));
  else ctx.stdout.write(describeRestore(restore, resourceList, results));
}

/** Prints a restore's log. */
export async function restoreLogs(ctx: CliContext, name: string, flags: StoreFlags): Promise<void> {
  const records = new RestoreRecords(openRepository(flags, ctx.env));
  await records.get(name);
  ctx.stdout.write((await records.logs(name)) ?? '');
}
