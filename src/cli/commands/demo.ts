/** `driftline demo`: the main job end to end on the embedded lab (backup → drift → detect). */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** Registers `demo`. */
export function registerDemo(program: Command, makeContext: (cmd: Command) => CliContext): void {
  program
    .command('demo')
    .description(
      'run the main job on the embedded lab: back up the management cluster, let the infrastructure drift, detect it',
    )
    .option('--dir <dir>', 'where to write kubeconfigs and the HTML report', '.driftline/demo')
    .addHelpText(
      'after',
      '\nNeeds the test environment binaries (npm run testenv). Exits 0 when the demo ran; the report shows the drift it created.\n' +
        '\nExamples:\n  driftline demo\n  driftline demo --dir /tmp/driftline-demo   # kubeconfigs and recovery-drift-report.html there',
    )
    .action(async (opts: { dir: string }, cmd: Command) => {
      const ctx = makeContext(cmd);
      // The demo runs on the lab, built from the test environment: load it only when asked for.
      const [{ runDemo }, { renderTable }] = await Promise.all([
        import('../../demo/demo.js'),
        import('../../recovery/index.js'),
      ]);
      const { report, htmlReport } = await runDemo(opts.dir, ctx.logger, (line) =>
        ctx.stderr.write(`» ${line}\n`),
      );
      ctx.stdout.write(`\n${renderTable(report, { color: ctx.globals.color })}`);
      ctx.stdout.write(
        `\nHTML report: ${htmlReport}\nThe lab has been stopped. Run \`driftline lab\` to keep one running.\n`,
      );
    });
}
