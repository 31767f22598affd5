/** `restore list | describe | logs`: reading the restores recorded in the store. */
import type { Command } from 'commander';
import { RestoreRecords } from '../../../restore/index.js';
import type { CliContext } from '../../context.js';
import { addOutputOption, printData, printList } from '../../output.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';
import { describeRestore, restoreListTable } from './render.js';

type MakeContext = (cmd: Command) => CliContext;

/** Registers the read-side restore commands. */
export function registerRestoreRead(parent: Command, makeContext: MakeContext): void {
  addStoreOptions(
    addOutputOption(
      parent
        .command('list')
        .alias('get')
        .description('list restores recorded in the store, newest first')
        .addHelpText('after', '\nExamples:\n  driftline restore list\n  driftline restore list -o json'),
    ),
  ).action(async (flags: StoreFlags, cmd: Command) => {
    const ctx = makeContext(cmd);
    const repo = openRepository(flags, ctx.env);
    const { restores, broken } = await new RestoreRecords(repo).list();
    printList(
      ctx,
      { restores, broken },
      () => restoreListTable(restores, broken),
      `No restores in ${repo.location}.`,
    );
    for (const b of broken) ctx.stderr.write(`warning: restore ${b.name} is unreadable: ${b.error}\n`);
  });

  addStoreOptions(
    addOutputOption(parent.command('describe <name>'))
      .description('show a restore: phase, counts, filters, policies')
      .option('--details', 'also list every restored object with its action, and the errors and warnings')
      .addHelpText('after', '\nExample:\n  driftline restore describe dr-1 --details'),
  ).action(async (name: string, flags: StoreFlags & { details?: boolean }, cmd: Command) => {
    const ctx = makeContext(cmd);
    const records = new RestoreRecords(openRepository(flags, ctx.env));
    const restore = await records.get(name);
    const resourceList = flags.details ? await records.resourceList(name) : undefined;
    const results = flags.details ? await records.results(name) : undefined;
    if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
      printData(ctx, { restore, resourceList, results }, () => ({ headers: [], rows: [] }));
    else ctx.stdout.write(describeRestore(restore, resourceList, results));
  });

  addStoreOptions(
    parent
      .command('logs <name>')
      .description("print a restore's log")
      .addHelpText('after', '\nExample:\n  driftline restore logs dr-1 --store s3://velero/mgmt'),
  ).action(
    async (name: string, flags: StoreFlags, cmd: Command) => {
      const ctx = makeContext(cmd);
      const records = new RestoreRecords(openRepository(flags, ctx.env));
      await records.get(name);
      ctx.stdout.write((await records.logs(name)) ?? '');
    },
  );
}
