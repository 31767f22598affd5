/** Errors raised while reading profiles: each names the file, line and field at fault. */
import { DriftlineError } from '../common/errors.js';

/** An invalid profile or manifest; `code` is `profile.invalid`. */
export class ProfileError extends DriftlineError {
  constructor(message: string, options?: { cause?: unknown; problems?: readonly string[] }) {
    super('profile.invalid', message, options);
  }

  /** One error carrying every problem found, one line each (`file:line:col: field: message`). */
  static of(problems: readonly string[]): ProfileError {
    return new ProfileError(problems.join('\n'), { problems });
  }
}

/** A `drift accept` request that cannot be written back into a profile; `code` is `profile.accept`. */
export class AcceptError extends DriftlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('profile.accept', message, options);
  }
}
