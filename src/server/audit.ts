/** The audit log of mutating API calls: one JSON line per call (who, groups, what, when, result), never a token. */

/** One audited call. */
export interface AuditRecord {
  /** ISO time the call was answered. */
  time: string;
  /** The authenticated username; null with `--no-auth`. */
  user: string | null;
  groups: string[];
  /** The peer address of the connection (a proxy's, behind one: forwarded headers are not trusted). */
  sourceIP?: string;
  /** What was asked, as authorized, e.g. `correct driftprofiles.driftline.dev/web`. */
  action: string;
  method: string;
  /** The request path without its query string (a query may carry anything). */
  path: string;
  status: number;
  /** `succeeded` (2xx), `forbidden` (403), or `failed`. */
  result: 'succeeded' | 'forbidden' | 'failed';
  /** The error code when the call did not succeed. */
  error?: string;
}

/** Where audit lines go: a file stream or any writable. */
export interface AuditSink {
  write(line: string): unknown;
}

/** Writes audit records as JSON lines. */
export class AuditLog {
  constructor(private readonly sink: AuditSink) {}

  /** Appends one record. */
  record(record: AuditRecord): void {
    this.sink.write(`${JSON.stringify(record)}\n`);
  }
}

/** The audit result of an HTTP status. */
export function auditResult(status: number): AuditRecord['result'] {
  if (status >= 200 && status < 300) return 'succeeded';
  return status === 403 ? 'forbidden' : 'failed';
}
