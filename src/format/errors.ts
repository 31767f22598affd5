/** Errors raised while reading or writing Velero-format backups and store keys. */
import { DriftlineError } from '../common/errors.js';

/** Stable codes of format errors; each names one way an archive or a name can be wrong. */
export type FormatErrorCode =
  | 'format.truncated'
  | 'format.corrupt'
  | 'format.unsafe-path'
  | 'format.not-regular-file'
  | 'format.invalid-json'
  | 'format.invalid-item'
  | 'format.invalid-path'
  | 'format.path-mismatch'
  | 'format.entry-too-large'
  | 'format.unknown-version'
  | 'format.missing-version'
  | 'format.invalid-name'
  | 'format.invalid-backup'
  | 'format.invalid-duration'
  | 'format.misuse';

/** A broken, hostile or unsupported archive, metadata file or name; `entry` names the tar entry when known. */
export class FormatError extends DriftlineError {
  declare readonly code: FormatErrorCode;
  /** The tar entry (or metadata file) the error is about, when there is one. */
  readonly entry: string | undefined;

  constructor(code: FormatErrorCode, message: string, options?: { entry?: string; cause?: unknown }) {
    super(code, message, options);
    this.entry = options?.entry;
  }
}

/** Adds the entry name to an error raised while that entry was being read, keeping the code. */
export function withEntry(err: unknown, entry: string | undefined): unknown {
  if (!(err instanceof FormatError) || err.entry !== undefined || entry === undefined) return err;
  return new FormatError(err.code, `entry ${JSON.stringify(entry)}: ${err.message}`, { entry, cause: err });
}
