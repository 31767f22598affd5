/** Typed errors for everything that can go wrong talking to a Kubernetes API server. */
import { DriftlineError } from '../../common/errors.js';

/** Error codes a caller can branch on. */
export type KubeErrorCode =
  | 'kube.kubeconfig'
  | 'kube.unreachable'
  | 'kube.timeout'
  | 'kube.unauthorized'
  | 'kube.forbidden'
  | 'kube.not-found'
  | 'kube.conflict'
  | 'kube.invalid'
  | 'kube.too-many-requests'
  | 'kube.gone'
  | 'kube.server'
  | 'kube.unsupported';

/** An error from the kube adapter; `status` is the HTTP status when the server answered. */
export class KubeError extends DriftlineError {
  declare readonly code: KubeErrorCode;
  readonly status?: number;
  readonly reason?: string;
  /** Number of attempts made before giving up (1 when not retried). */
  attempts = 1;

  constructor(
    code: KubeErrorCode,
    message: string,
    options: { cause?: unknown; status?: number; reason?: string } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status;
    this.reason = options.reason;
  }
}

const STATUS_CODES: Record<number, KubeErrorCode> = {
  401: 'kube.unauthorized',
  403: 'kube.forbidden',
  404: 'kube.not-found',
  409: 'kube.conflict',
  410: 'kube.gone',
  422: 'kube.invalid',
  429: 'kube.too-many-requests',
};

/** Builds a KubeError from an HTTP status and the server's Status body (if any). */
export function errorFromStatus(status: number, body: unknown, what: string): KubeError {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'kube.server' : 'kube.invalid');
  const statusBody = isStatus(body) ? body : undefined;
  const detail = statusBody?.message ?? `HTTP ${status}`;
  return new KubeError(code, `${what}: ${detail}`, { status, reason: statusBody?.reason });
}

function isStatus(body: unknown): body is { message?: string; reason?: string } {
  return typeof body === 'object' && body !== null && (body as { kind?: string }).kind === 'Status';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
]);

/** Turns a Node network error into a KubeError naming the server, or returns undefined. */
export function errorFromNetwork(err: unknown, server: string): KubeError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && NETWORK_CODES.has(code)) {
    return new KubeError('kube.unreachable', `cannot reach API server ${server}: ${code}`, { cause: err });
  }
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return new KubeError('kube.unreachable', `TLS verification failed for API server ${server}: ${code}`, {
      cause: err,
    });
  }
  return undefined;
}
