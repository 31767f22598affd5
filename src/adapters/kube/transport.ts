/** HTTP(S) transport to one API server: kubeconfig auth, keep-alive, timeouts, typed errors, retries. */
import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import { errorFromNetwork, errorFromStatus, KubeError } from './errors.js';
import type { LoadedKubeconfig } from './kubeconfig.js';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry.js';

/** One API request. `what` describes it for error messages, e.g. `list configmaps in ns1`. */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  what: string;
  /** Retry transient failures (default: true for GET, and for writes the caller knows are idempotent). */
  retry?: boolean;
  /** Called with the first bytes (up to 4 KiB) of a successful response while the rest is still arriving. */
  onBodyStart?: (head: string) => void;
}

// How much of a body `onBodyStart` sees: enough for a list's metadata, continue token included.
const BODY_HEAD_BYTES = 4096;

/** Options for a transport. */
export interface TransportOptions {
  retry?: RetryPolicy;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Concurrent sockets to the server (default 16). */
  maxSockets?: number;
  logger?: Logger;
}

/** Sends requests to the API server of one loaded kubeconfig. */
export class KubeTransport {
  readonly server: string;
  private readonly url: URL;
  private agent?: http.Agent;
  private cachedAuth?: https.RequestOptions;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly log: Logger;

  constructor(
    readonly kubeconfig: LoadedKubeconfig,
    private readonly options: TransportOptions = {},
  ) {
    this.server = kubeconfig.server;
    this.url = new URL(kubeconfig.server);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.log = options.logger ?? silentLogger();
  }

  /** Sends a request and parses the JSON response; retries transient failures when allowed. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const retry = req.retry ?? req.method === 'GET';
    return withRetry(() => this.once<T>(req), retry ? this.retry : { ...this.retry, maxAttempts: 1 });
  }

  // applyToHTTPSOptions re-reads certificate files on every call. Static credentials (token,
  // client certificate, basic auth) are applied once; exec plugins and auth providers refresh
  // tokens, so they are asked every time.
  private async authOptions(): Promise<https.RequestOptions> {
    if (this.cachedAuth) return this.cachedAuth;
    const options: https.RequestOptions = {};
    await this.kubeconfig.config.applyToHTTPSOptions(options);
    const user = this.kubeconfig.config.getCurrentUser();
    if (!user?.exec && !user?.authProvider) this.cachedAuth = options;
    return options;
  }

  /** Releases keep-alive sockets. */
  close(): void {
    this.agent?.destroy();
  }

  private async once<T>(req: KubeRequest): Promise<T> {
    const options = await this.authOptions();
    const body = encodeBody(req);
    const headers: http.OutgoingHttpHeaders = {
      ...(options.headers as http.OutgoingHttpHeaders),
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': req.contentType ?? 'application/json' }),
      ...(body !== undefined && { 'content-length': Buffer.byteLength(body) }),
    };
    const started = Date.now();
    const { status, text } = await this.send(req, this.pathWithQuery(req), headers, options, body);
    this.log.debug({ method: req.method, path: req.path, status, ms: Date.now() - started }, 'kube request');
    const parsed = text.length > 0 ? safeJson(text) : undefined;
    if (status >= 200 && status < 300) return parsed as T;
    throw errorFromStatus(status, parsed, req.what);
  }

  private send(
    req: KubeRequest,
    path: string,
    headers: http.OutgoingHttpHeaders,
    tls: https.RequestOptions,
    body: string | undefined,
  ): Promise<{ status: number; text: string }> {
    const isHttps = this.url.protocol === 'https:';
    const agent = this.agentFor(tls, isHttps);
    const requestFn = isHttps ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const r = requestFn(
        { hostname: this.url.hostname, port: this.url.port, method: req.method, path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          const peek = ok ? headPeeker(req.onBodyStart, chunks) : undefined;
          res.on('data', (c: Buffer) => {
            chunks.push(c);
            peek?.(c.length);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (err) => reject(this.networkError(err, req)));
        },
      );
      r.setTimeout(this.timeoutMs, () =>
        r.destroy(
          new KubeError('kube.timeout', `${req.what}: no answer from ${this.server} in ${this.timeoutMs} ms`),
        ),
      );
      r.on('error', (err) => reject(this.networkError(err, req)));
      r.end(body);
    });
  }

  private agentFor(tls: https.RequestOptions, isHttps: boolean): http.Agent {
    if (!this.agent) {
      const common = { keepAlive: true, maxSockets: this.options.maxSockets ?? 16 };
      this.agent = isHttps
        ? new https.Agent({
            ...common,
            ca: tls.ca,
            cert: tls.cert,
            key: tls.key,
            rejectUnauthorized: tls.rejectUnauthorized,
            servername: tls.servername,
          })
        : new http.Agent(common);
    }
    return this.agent;
  }

  private networkError(err: unknown, req: KubeRequest): KubeError {
    if (err instanceof KubeError) return err;
    const mapped = errorFromNetwork(err, this.server);
    if (mapped) {
      mapped.message = `${req.what}: ${mapped.message}`;
      return mapped;
    }
    return new KubeError('kube.unreachable', `${req.what}: ${(err as Error).message}`, { cause: err });
  }

  private pathWithQuery(req: KubeRequest): string {
    const base = this.url.pathname.replace(/\/$/, '');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${base}${req.path}${qs ? `?${qs}` : ''}`;
  }
}

// Calls `onBodyStart` once, when BODY_HEAD_BYTES have arrived; a shorter body never needs it,
// since the whole response is about to be parsed anyway.
function headPeeker(
  onBodyStart: ((head: string) => void) | undefined,
  chunks: Buffer[],
): ((received: number) => void) | undefined {
  if (!onBodyStart) return undefined;
  let seen = 0;
  let called = false;
  return (received) => {
    seen += received;
    if (called || seen < BODY_HEAD_BYTES) return;
    called = true;
    const first = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    onBodyStart(first.toString('utf8', 0, BODY_HEAD_BYTES));
  };
}

function encodeBody(req: KubeRequest): string | undefined {
  if (req.body === undefined) return undefined;
  return typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { kind: 'Status', message: text.slice(0, 300) };
  }
}
