/**
 * The driftline CLI: global options, command registration, and exit-code mapping. Only command
 * definitions load here; each command's action loads when it runs (src/cli/action.ts, ADR 0013).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createLogger, type Logger, logLevel } from '../common/logger.js';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerBackup } from './commands/backup/index.js';
import { registerDemo } from './commands/demo.js';
import { registerDetect } from './commands/detect.js';
import { registerDrift } from './commands/drift/index.js';
import { registerLab } from './commands/lab.js';
import { registerMove } from './commands/move.js';
import { registerRemediate } from './commands/remediate.js';
import { registerRestore } from './commands/restore/index.js';
import { registerSchedule } from './commands/schedule/index.js';
import { registerUnpause } from './commands/unpause.js';
import type { CliContext, GlobalOptions } from './context.js';
import { EXIT_ERROR, reportError } from './exit-codes.js';

/** Builds the program; `makeContext` lets tests capture output. */
export function buildProgram(
  makeContext: (cmd: Command) => CliContext,
  io: { writeOut: (s: string) => void; writeErr: (s: string) => void } = {
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
  },
): Command {
  // Set before any subcommand is added: commander copies these settings into subcommands,
  // so `--help`, bad choices and unknown options anywhere return an exit code instead of exiting.
  const program = new Command('driftline')
    .exitOverride()
    .configureOutput({ ...io, outputError: (message, write) => write(withUsageCode(message)) })
    .description(
      "Keep a Kubernetes fleet's management plane recoverable and true to its declared state:\n" +
        'Velero-format backups, recovery-drift detection against vSphere, safe restores, config drift.',
    )
    .version(packageVersion(), '--version', 'print the driftline version')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use (default: current-context)')
    .option('-D, --debug', 'structured debug logs (JSON, pino) on stderr')
    .option('--no-color', 'disable colour (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nCommands that print data take -o, --output table|json|yaml (backup diff: table|json|unified).\nExit codes: 0 ok, 1 findings (drift, differences), 2 usage or runtime error. See docs/cli.md.',
    );
  // In the order of the jobs: back up, detect recovery drift, restore, keep configuration true, try it.
  registerBackup(program, makeContext);
  registerSchedule(program, makeContext);
  registerDetect(program, makeContext);
  registerRemediate(program, makeContext);
  registerRestore(program, makeContext);
  registerUnpause(program, makeContext);
  registerMove(program, makeContext);
  registerDrift(program, makeContext);
  registerDemo(program, makeContext);
  registerLab(program, makeContext);
  return program;
}

// Commander's parse errors ("error: unknown option '--bogus'") carry the code docs/cli.md promises.
function withUsageCode(message: string): string {
  return `${message.trimEnd()} [usage]\n`;
}

/** Runs the CLI with `argv` (process.argv shape) and returns the exit code. */
export async function run(
  argv: string[],
  io: Partial<Pick<CliContext, 'stdout' | 'stderr' | 'env'>> = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  endQuietlyOnClosedPipe([stdout, stderr]);
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const makeContext = (cmd: Command): CliContext => contextFor(cmd, { stdout, stderr, env }, setExitCode);
  const program = buildProgram(makeContext, {
    writeOut: (s) => stdout.write(s),
    writeErr: (s) => stderr.write(s),
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    return reportError(err, stderr, argv.includes('-D') || argv.includes('--debug'));
  }
}

function contextFor(
  cmd: Command,
  io: Pick<CliContext, 'stdout' | 'stderr' | 'env'>,
  setExitCode: (code: number) => void,
): CliContext {
  const opts = cmd.optsWithGlobals() as Omit<GlobalOptions, 'color'> & { color?: boolean };
  const color = opts.color !== false && !io.env.NO_COLOR && Boolean((io.stdout as { isTTY?: boolean }).isTTY);
  const globals: GlobalOptions = { ...opts, color };
  // The process's own stderr gets pino's synchronous file-descriptor writer; tests pass a stream.
  const logging = {
    debug: opts.debug,
    env: io.env,
    stderr: io.stderr === process.stderr ? undefined : io.stderr,
  };
  // A bad DRIFTLINE_LOG_LEVEL is refused by every command; the logger (and pino) only when one logs.
  logLevel(logging);
  let logger: Logger | undefined;
  return {
    globals,
    ...io,
    get logger(): Logger {
      logger ??= createLogger(logging);
      return logger;
    },
    setExitCode,
    untilInterrupted: () =>
      new Promise((resolve) => {
        const onSignal = (signal: string): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}

// Works from src/ (tsx) and dist/src/ (built): walk up to driftline's package.json.
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name: string;
        version: string;
      };
      if (pkg.name === 'driftline') return pkg.version;
    } catch {
      // try the next level
    }
  }
  return '0.0.0-unknown';
}
