/** The server's errors and the one place that turns any error into an HTTP status and JSON body. */
import { DriftlineError } from '../common/errors.js';

/** HTTP-level error codes a client can branch on (see docs/serve.md). */
export type HttpErrorCode =
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'auth.unavailable'
  | 'http.not-found'
  | 'http.method-not-allowed'
  | 'http.bad-request'
  | 'http.payload-too-large'
  | 'http.internal';

const STATUS: Record<HttpErrorCode, number> = {
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'auth.unavailable': 503,
  'http.not-found': 404,
  'http.method-not-allowed': 405,
  'http.bad-request': 400,
  'http.payload-too-large': 413,
  'http.internal': 500,
};

/** An error answered with its own status; the message is shown to the client, so it never holds secrets. */
export class HttpError extends DriftlineError {
  declare readonly code: HttpErrorCode;

  constructor(code: HttpErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return STATUS[this.code];
  }
}

/** Raised when the server cannot start as configured (binding, TLS, auth mode). */
export class ServerConfigError extends DriftlineError {
  constructor(code: 'server.insecure-bind' | 'server.no-auth-bind' | 'server.tls', message: string) {
    super(code, message);
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Maps any thrown value to a status and body. Only HttpErrors keep their message: anything else
 * is a 500 with a fixed message, so internals (and anything a cause might hold) never leak.
 */
export function errorReply(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.status, body: errorBody(err.code, err.message) };
  return { status: 500, body: errorBody('http.internal', 'internal error; see the server log') };
}

/** Builds the `{error:{code,message}}` body. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
