/** `backup list | describe | download | delete | inspect`: reading and managing stored backups. */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { inspectTarball } from '../../../backup/inspect.js';
import { UsageError } from '../../../common/errors.js';
import { downloadFileName } from '../../../format/index.js';
import { askYesNo, canAsk } from '../../confirm.js';
import type { CliContext } from '../../context.js';
import { addOutputOption, printData, printList } from '../../output.js';
import { describeBackup, describeTarball, listTable } from '../../render/backup.js';
import { addStoreOptions, openRepository, type StoreFlags } from '../../store-options.js';

type MakeContext = (cmd: Command) => CliContext;

/** Registers the read-side backup commands. */
export function registerBackupRead(parent: Command, makeContext: MakeContext): void {
  addStoreOptions(
    addOutputOption(
      parent
        .command('list')
        .alias('get')
        .description('list backups in the store, newest first')
        .addHelpText(
          'after',
          '\nExamples:\n  driftline backup list\n' +
            "  driftline backup list --store s3://velero/mgmt -o json | jq -r '.backups[].metadata.name'",
        ),
    ),
  ).action(async (flags: StoreFlags, cmd: Command) => {
    const ctx = makeContext(cmd);
    const repo = openRepository(flags, ctx.env);
    const { backups, broken } = await repo.list();
    printList(ctx, { backups, broken }, () => listTable(backups, broken), `No backups in ${repo.location}.`);
    for (const b of broken) ctx.stderr.write(`warning: backup ${b.name} is unreadable: ${b.error}\n`);
  });

  addStoreOptions(
    addOutputOption(parent.command('describe <name>'))
      .description('show a backup: phase, selection, timings, item counts')
      .option('--details', 'also list every backed-up object (the resource list) and the errors/warnings')
      .addHelpText('after', '\nExample:\n  driftline backup describe mgmt-before-upgrade --details'),
  ).action(async (name: string, flags: StoreFlags & { details?: boolean }, cmd: Command) => {
    const ctx = makeContext(cmd);
    const repo = openRepository(flags, ctx.env);
    const backup = await repo.get(name);
    const resourceList = flags.details ? await repo.resourceList(name) : undefined;
    const results = flags.details ? await repo.results(name) : undefined;
    if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
      printData(ctx, { backup, resourceList, results }, () => ({ headers: [], rows: [] }));
    else ctx.stdout.write(describeBackup(backup, resourceList, results));
  });

  addStoreOptions(
    parent
      .command('download <name>')
      .description('save the backup tarball locally (as <name>-data.tar.gz, like velero backup download)')
      .option('-o, --output <file>', 'where to write the tarball')
      .addHelpText(
        'after',
        '\nExample:\n  driftline backup download mgmt-before-upgrade -o /tmp/mgmt.tar.gz',
      ),
  ).action(async (name: string, flags: StoreFlags & { output?: string }, cmd: Command) => {
    const ctx = makeContext(cmd);
    const repo = openRepository(flags, ctx.env);
    await repo.get(name);
    const file = flags.output ?? downloadFileName(name);
    await pipeline(await repo.openContents(name), createWriteStream(file, { flags: 'wx' }));
    ctx.stdout.write(`Backup ${name} has been successfully downloaded to ${file}\n`);
  });

  addStoreOptions(
    parent
      .command('delete <name>')
      .description('delete a backup and all its files from the store')
      .option('--confirm', 'do not ask (required when stdin is not a terminal)')
      .addHelpText('after', '\nExample:\n  driftline backup delete mgmt-before-upgrade --confirm'),
  ).action(async (name: string, flags: StoreFlags & { confirm?: boolean }, cmd: Command) => {
    const ctx = makeContext(cmd);
    if (!flags.confirm && !canAsk())
      throw new UsageError(`deleting backup ${name} cannot be undone: re-run with --confirm`);
    const repo = openRepository(flags, ctx.env);
    await repo.get(name);
    if (
      !flags.confirm &&
      !(await askYesNo(`Delete backup ${name} from ${repo.location}? This cannot be undone.`, ctx.stderr))
    ) {
      ctx.stderr.write('nothing deleted\n');
      ctx.setExitCode(1);
      return;
    }
    const n = await repo.delete(name);
    ctx.stdout.write(`Backup ${name} deleted (${n} files)\n`);
  });

  addOutputOption(parent.command('inspect <file>'))
    .description('read a local tarball (e.g. from velero backup download) and summarise it; needs no store')
    .option('--objects', 'list every object')
    .addHelpText(
      'after',
      '\nExamples:\n  driftline backup inspect mgmt-nightly-20250101020000-data.tar.gz\n' +
        "  driftline backup inspect mgmt.tar.gz --objects | grep 'v1/Secret '",
    )
    .action(async (file: string, flags: { objects?: boolean }, cmd: Command) => {
      const ctx = makeContext(cmd);
      const summary = await inspectTarball(createReadStream(file), { listObjects: flags.objects });
      if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
        printData(ctx, summary, () => ({ headers: [], rows: [] }));
      else ctx.stdout.write(describeTarball(file, summary));
    });
}
