/** What every command receives: global options, output streams, a logger. No globals. */
import type { Logger } from '../common/logger.js';

/** Output formats commands that print data accept. */
export type OutputFormat = 'table' | 'json' | 'yaml';

/** Global options, following kubectl's habits. */
export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  output?: OutputFormat;
  debug?: boolean;
  color: boolean;
}

/** The per-invocation context handed to commands. */
export interface CliContext {
  globals: GlobalOptions;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** Resolves with the signal name when the user asks to stop (Ctrl-C / SIGTERM); for long-running commands. */
  untilInterrupted(): Promise<string>;
  /** Sets the exit code the CLI returns (0 ok, 1 findings); errors thrown map to 2. */
  setExitCode(code: number): void;
}
