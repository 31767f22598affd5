/** `driftline unpause [--all | CLUSTER…]`: resume reconciliation of restored Cluster API clusters. */
import { type Command, Option } from 'commander';
import { lazyAction } from '../action.js';
import type { CliContext } from '../context.js';
import { addOutputOption } from '../output.js';

/** The flags of `unpause`. */
export interface UnpauseFlags {
  all?: boolean;
  namespace?: string;
  wait?: boolean;
  timeout: string;
  pollInterval: string;
}

/** Registers `unpause`. */
export function registerUnpause(program: Command, makeContext: (cmd: Command) => CliContext): void {
  addOutputOption(program.command('unpause [clusters...]'))
    .description(
      'set spec.paused=false (and drop the cluster.x-k8s.io/paused annotation) on restored clusters',
    )
    .option(
      '--all',
      'every paused cluster (in -n, else in all namespaces), except those paused in their backup',
    )
    .option('-n, --namespace <namespace>', 'namespace of the named clusters, or the scope of --all')
    .option(
      '--wait',
      'wait until each cluster reports ready (Ready/Available condition, or phase Provisioned)',
    )
    .option('--timeout <duration>', 'with --wait: how long to wait', '10m')
    .addOption(
      new Option('--poll-interval <duration>', 'with --wait: how often to check').default('2s').hideHelp(),
    )
    .addHelpText(
      'after',
      '\nCLUSTER is NAME (with -n, or unique across namespaces) or NAMESPACE/NAME.\n' +
        'Exit codes: 0 all unpaused (and ready with --wait), 1 some not found, failed or not ready, 2 error.\n' +
        'Example:\n  driftline unpause --all --wait --timeout 30m',
    )
    .action(lazyAction(makeContext, async () => (await import('../actions/unpause.js')).unpauseAction));
}
