/** The `restore` command group. */
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerRestoreCreate } from './create.js';
import { registerRestoreRead } from './read.js';

/** Registers `driftline restore …`. */
export function registerRestore(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const restore = program
    .command('restore')
    .description('restore backups into a cluster: ordered, paused, owner references rebuilt, resumable')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  driftline restore create dr-1 --from-backup mgmt-daily-20250101 --to-context new-mgmt --dry-run\n' +
        '  driftline restore list',
    );
  registerRestoreCreate(restore, makeContext);
  registerRestoreRead(restore, makeContext);
}
