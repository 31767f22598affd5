/** The `drift` command group: continuous configuration drift detection and correction. */
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerDriftAccept } from './accept.js';
import { registerDriftCorrect } from './correct.js';
import { registerDriftRun } from './run.js';
import { registerDriftStatus } from './status.js';

/** Registers `driftline drift …`. */
export function registerDrift(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const drift = program
    .command('drift')
    .description(
      'keep objects declared in profiles true on every matching cluster: detect, report and correct drift',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  driftline drift run --profiles ./profiles\n  driftline drift status --cluster wc1',
    );
  registerDriftRun(drift, makeContext);
  registerDriftStatus(drift, makeContext);
  registerDriftCorrect(drift, makeContext);
  registerDriftAccept(drift, makeContext);
}
