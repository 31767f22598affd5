/** One SOAP POST over HTTP(S): per-request timeout, bounded retry of reads, error classification. */
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from '../../common/logger.js';
import { VSphereError } from './errors.js';

/** Where and how to send requests. */
export interface TransportOptions {
  /** The SDK endpoint, e.g. `https://vc.example.com/sdk`, without credentials. */
  url: URL;
  agent: HttpAgent;
  /** Whole-request deadline (connect, send, receive). */
  timeoutMs: number;
  /** Extra attempts for connection errors on idempotent requests. */
  retries: number;
  /** First backoff delay; doubles per attempt. */
  retryDelayMs: number;
  logger: Logger;
}

/** One request: the envelope, the SOAPAction, the session cookie and whether it may be repeated. */
export interface SoapRequest {
  method: string;
  soapAction: string;
  envelope: string;
  cookie?: string;
  /** Only idempotent reads are retried after connection errors. */
  idempotent: boolean;
}

/** The raw HTTP answer. */
export interface SoapHttpResponse {
  status: number;
  body: string;
  /** The `vmware_soap_session` cookie (`name=value`) when the server set one. */
  sessionCookie?: string;
}

/** Node error codes that mean "the server could not be reached (this time)". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);
/** Codes worth a second attempt: the rest (DNS NXDOMAIN, our own deadline) would fail the same way. */
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const SESSION_COOKIE = 'vmware_soap_session';

/** Sends `req`, retrying connection errors of idempotent requests with exponential backoff. */
export async function sendSoap(options: TransportOptions, req: SoapRequest): Promise<SoapHttpResponse> {
  const attempts = req.idempotent ? 1 + options.retries : 1;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      const res = await sendOnce(options, req);
      options.logger.debug(
        { method: req.method, status: res.status, ms: Date.now() - started },
        'vsphere call',
      );
      return res;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const retry = attempt < attempts && !(err instanceof VSphereError) && RETRYABLE_CODES.has(code);
      options.logger.debug({ method: req.method, attempt, code, retry }, 'vsphere call failed');
      if (!retry) throw classify(err, options);
      await new Promise((r) => setTimeout(r, options.retryDelayMs * 2 ** (attempt - 1)));
    }
  }
}

function sendOnce(options: TransportOptions, req: SoapRequest): Promise<SoapHttpResponse> {
  const { url } = options;
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const body = Buffer.from(req.envelope, 'utf8');
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': body.length,
    SOAPAction: `"${req.soapAction}"`,
    Accept: 'text/xml',
  };
  if (req.cookie) headers.Cookie = req.cookie;
  return new Promise((resolve, reject) => {
    const r = send(url, { method: 'POST', agent: options.agent, headers }, (res) => {
      readBody(res).then(
        (text) => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: text, sessionCookie: sessionCookie(res) });
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
    const timer = setTimeout(() => {
      r.destroy(
        Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'EREQTIMEOUT' }),
      );
    }, options.timeoutMs);
    r.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    r.end(body);
  });
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sessionCookie(res: IncomingMessage): string | undefined {
  for (const header of res.headers['set-cookie'] ?? []) {
    const pair = header.split(';', 1)[0]?.trim() ?? '';
    if (pair.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  return undefined;
}

/** Turns a Node/HTTP error into a VSphereError naming the endpoint (never its credentials). */
function classify(err: unknown, options: TransportOptions): VSphereError {
  if (err instanceof VSphereError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  const where = options.url.origin;
  if (code === 'EREQTIMEOUT') {
    return new VSphereError(
      'vsphere.unreachable',
      `vsphere at ${where} did not answer within ${options.timeoutMs} ms`,
      {
        cause: err,
      },
    );
  }
  if (CONNECTION_CODES.has(code) || e.message === 'socket hang up') {
    return new VSphereError('vsphere.unreachable', `cannot reach vsphere at ${where}: ${code || e.message}`, {
      cause: err,
    });
  }
  if (
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    code === 'EPROTO' ||
    /certificate/i.test(e.message)
  ) {
    return new VSphereError('vsphere.tls', `tls handshake with ${where} failed: ${e.message}`, {
      cause: err,
    });
  }
  return new VSphereError('vsphere.unreachable', `request to vsphere at ${where} failed: ${e.message}`, {
    cause: err,
  });
}
