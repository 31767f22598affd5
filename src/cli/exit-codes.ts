/** The one place that turns outcomes and errors into exit codes (documented in docs/cli.md). */
import { DriftlineError, describeError } from '../common/errors.js';

/** 0: success, nothing to report. */
export const EXIT_OK = 0;
/** 1: the command ran and found something (drift, unknowns, differences). */
export const EXIT_FINDINGS = 1;
/** 2: usage error or runtime failure (bad flags, unreachable server, corrupt input). */
export const EXIT_ERROR = 2;

/** Formats an error for the terminal and returns the exit code for it. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream, debug = false): number {
  const code = err instanceof DriftlineError ? ` [${err.code}]` : '';
  stderr.write(`error: ${describeError(err)}${code}\n`);
  if (debug && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  if (debug && err instanceof Error && err.cause) stderr.write(`caused by: ${describeError(err.cause)}\n`);
  return EXIT_ERROR;
}
