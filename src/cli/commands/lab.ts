/** `driftline lab`: start a local management cluster, workload clusters and a vSphere simulator. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { intFlag } from '../number-flags.js';

/** Registers the lab command. */
export function registerLab(program: Command, makeContext: (cmd: Command) => CliContext): void {
  program
    .command('lab')
    .description(
      'start a local lab: a management cluster holding Cluster API objects, workload clusters whose ' +
        'Nodes match them, and a vSphere simulator whose VMs match them — all real servers on loopback',
    )
    .option('--dir <dir>', 'where to write kubeconfigs and the lab description', '.driftline/lab')
    .option('--workload-clusters <n>', 'number of workload clusters (wc1, wc2, …)', intFlag(1), 2)
    .option('--exit-when-ready', 'stop as soon as everything is up (for smoke tests)')
    .addHelpText(
      'after',
      '\nNeeds the test environment binaries: run scripts/testenv/provision.sh once.\nStops cleanly on Ctrl-C.\n' +
        '\nExamples:\n' +
        '  driftline lab\n' +
        '  driftline lab --workload-clusters 3 --dir /tmp/lab\n' +
        '  KUBECONFIG=.driftline/lab/mgmt.kubeconfig kubectl get clusters -A   # in another terminal',
    )
    .action(
      async (opts: { dir: string; workloadClusters: number; exitWhenReady?: boolean }, cmd: Command) => {
        const ctx = makeContext(cmd);
        // The lab is built from the test environment: load it only when asked for.
        const { startLab } = await import('../../lab/lab.js');
        const lab = await startLab({
          dir: opts.dir,
          workloadClusters: opts.workloadClusters,
          logger: ctx.logger,
        });
        ctx.stdout.write(lab.describe());
        if (!opts.exitWhenReady) {
          ctx.stderr.write('lab running; press Ctrl-C to stop\n');
          const signal = await ctx.untilInterrupted();
          ctx.stderr.write(`${signal}: stopping lab\n`);
        }
        await lab.stop();
        ctx.stderr.write('lab stopped\n');
      },
    );
}
