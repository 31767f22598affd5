/** Errors of the apply engine: journal problems, injected crashes, objects that cannot be written. */
import { DriftlineError } from '../common/errors.js';

/** Error codes a caller can branch on. */
export type ApplyErrorCode =
  | 'apply.journal'
  | 'apply.journal-invalid'
  | 'apply.injected-failure'
  | 'apply.exists-different'
  | 'apply.unreadable';

/** An apply-engine error; messages are lower-case and name the object or journal. */
export class ApplyError extends DriftlineError {
  declare readonly code: ApplyErrorCode;

  constructor(code: ApplyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
