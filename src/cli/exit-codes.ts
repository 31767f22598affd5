/** The one place that turns outcomes and errors into exit codes and messages (documented in docs/cli.md). */
import { toDriftlineError } from '../common/error-codes.js';
import { describeError } from '../common/errors.js';

/** 0: success, nothing to report. */
export const EXIT_OK = 0;
/** 1: the command ran and found something (drift, unknowns, differences). */
export const EXIT_FINDINGS = 1;
/** 2: usage error or runtime failure (bad flags, unreachable server, corrupt input). */
export const EXIT_ERROR = 2;

/**
 * Formats an error for the terminal, one `error: … [code]` line per problem, and returns the
 * exit code for it. Errors that are not Driftline's (system, JSON, library) get a code too.
 */
export function reportError(err: unknown, stderr: NodeJS.WritableStream, debug = false): number {
  const error = toDriftlineError(err);
  for (const line of error.problems) stderr.write(`error: ${line} [${error.code}]\n`);
  const original = error === err ? error : error.cause;
  if (debug && original instanceof Error && original.stack) stderr.write(`${original.stack}\n`);
  if (debug && original instanceof Error && original.cause)
    stderr.write(`caused by: ${describeError(original.cause)}\n`);
  return EXIT_ERROR;
}
