/** Errors raised by moves: refusals before anything changes, journal problems, verification, injected failures. */
import { DriftlineError } from '../common/errors.js';

/** Error codes a caller can branch on. */
export type MoveErrorCode =
  | 'move.invalid'
  | 'move.refused'
  | 'move.not-found'
  | 'move.exists'
  | 'move.journal'
  | 'move.verify'
  | 'move.failed'
  | 'move.rollback-refused'
  | 'move.injected-failure';

/** A move-capability error; messages are lower-case and name what failed. */
export class MoveError extends DriftlineError {
  declare readonly code: MoveErrorCode;

  constructor(code: MoveErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
