/** Base error class and the conventions every capability's errors follow. */

/**
 * Base for every error Driftline raises on purpose. Messages are lower-case and name the
 * thing that failed; `cause` keeps the underlying error for `--debug` output.
 */
export class DriftlineError extends Error {
  /** A stable machine-readable code, e.g. `kube.unreachable`, `format.unsafe-path`. */
  readonly code: string;
  /** Every problem found when there were several (e.g. a profile with two invalid fields); else one. */
  readonly problems: readonly string[];

  constructor(code: string, message: string, options?: { cause?: unknown; problems?: readonly string[] }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.problems = options?.problems?.length ? options.problems : [message];
  }
}

/** Raised for invalid user input (flags, files); the CLI maps it to exit code 2 with usage hints. */
export class UsageError extends DriftlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/** Returns a readable one-line description of any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** True when `err` is a DriftlineError (from any capability or adapter) with one of `codes`. */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  return err instanceof DriftlineError && codes.includes(err.code);
}

/** The error's message followed by its `[code]` when it has one, as the CLI prints errors. */
export function describeWithCode(err: unknown): string {
  return err instanceof DriftlineError ? `${describeError(err)} [${err.code}]` : describeError(err);
}
