/** Errors raised by restores and unpause: refusals before writing, journal problems, injected failures. */
import { DriftlineError } from '../common/errors.js';

/** Error codes a caller can branch on. */
export type RestoreErrorCode =
  | 'restore.invalid'
  | 'restore.exists'
  | 'restore.not-found'
  | 'restore.unsupported'
  | 'restore.journal'
  | 'restore.injected-failure'
  | 'restore.cluster-not-found';

/** A restore-capability error; messages are lower-case and name what failed. */
export class RestoreError extends DriftlineError {
  declare readonly code: RestoreErrorCode;

  constructor(code: RestoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
