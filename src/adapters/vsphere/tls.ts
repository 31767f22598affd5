/** HTTPS agent that decides trust itself (CA, pinned SHA-1 thumbprint or none) before any byte is sent. */
import type { RequestOptions } from 'node:https';
import { Agent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { VSphereError } from './errors.js';
import { explainUntrusted } from './tls-diagnosis.js';

/** How to trust the vCenter certificate. Default: verify against Node's bundled CA store. */
export interface VSphereTlsOptions {
  /** PEM bundle to trust instead of the default CAs (like `curl --cacert`). */
  ca?: string;
  /**
   * SHA-1 thumbprint to pin (`AA:BB:…`, any case, colons optional), as in
   * `VSphereCluster.spec.thumbprint`. When set, only a certificate with this fingerprint is
   * accepted, whether or not a CA signed it, and the host name is not checked.
   */
  thumbprint?: string;
  /** Accept any certificate. For labs only. */
  insecureSkipVerify?: boolean;
}

/** Canonical form of a SHA-1 thumbprint: 40 upper-case hex digits, no separators. */
export function normalizeThumbprint(thumbprint: string): string {
  const hex = thumbprint.replace(/[:\s-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{40}$/.test(hex)) {
    throw new VSphereError(
      'vsphere.tls',
      `invalid thumbprint "${thumbprint}": expected a SHA-1 fingerprint such as AA:BB:…, 20 hex pairs`,
    );
  }
  return hex;
}

/** Formats a thumbprint the way vSphere shows it: `AA:BB:…`. */
export function formatThumbprint(thumbprint: string): string {
  return normalizeThumbprint(thumbprint).match(/../g)?.join(':') ?? '';
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/**
 * Connects with `rejectUnauthorized: false` so that the certificate is always available, then
 * applies the trust policy on 'secureConnect' and hands the socket to the request only if it
 * passes. Nothing (in particular no Login body) is written to a socket that failed the check.
 */
class VSphereAgent extends Agent {
  readonly #tls: VSphereTlsOptions;
  readonly #pinned: string | undefined;
  readonly #connectTimeoutMs: number;

  constructor(tls: VSphereTlsOptions, connectTimeoutMs: number) {
    // Session resumption would skip Node's chain checks on resumed sessions; not worth it here.
    super({ keepAlive: true, maxSockets: 8, maxCachedSessions: 0 });
    this.#tls = tls;
    this.#pinned = tls.thumbprint === undefined ? undefined : normalizeThumbprint(tls.thumbprint);
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    const socket = super.createConnection({
      ...options,
      rejectUnauthorized: false,
      ...(this.#tls.ca === undefined ? {} : { ca: this.#tls.ca }),
    }) as TLSSocket;
    let settled = false;
    const settle = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      if (err) socket.destroy();
      callback?.(err, socket);
    };
    socket.setTimeout(this.#connectTimeoutMs, () => {
      const err = Object.assign(new Error(`connect timed out after ${this.#connectTimeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      settle(err);
    });
    socket.once('error', (err) => settle(err));
    socket.once('secureConnect', () => settle(this.#verify(socket, options)));
    return undefined;
  }

  #verify(socket: TLSSocket, options: RequestOptions): VSphereError | null {
    if (this.#tls.insecureSkipVerify) return null;
    const fingerprint = socket.getPeerCertificate().fingerprint ?? '';
    const actual = fingerprint ? formatThumbprint(fingerprint) : 'unavailable';
    const host = options.host ?? options.hostname ?? '';
    const where = `${host}:${options.port}`;
    if (this.#pinned !== undefined) {
      if (fingerprint && normalizeThumbprint(fingerprint) === this.#pinned) return null;
      return new VSphereError(
        'vsphere.tls',
        `certificate thumbprint mismatch for ${where}: expected ${formatThumbprint(this.#pinned)}, server presented ${actual}`,
        { serverThumbprint: fingerprint ? actual : undefined },
      );
    }
    if (socket.authorized) return null;
    const trust = this.#tls.ca === undefined ? 'the system CAs' : 'the given CA bundle';
    const code = String(socket.authorizationError);
    const { reason, advice } = explainUntrusted(code, socket.getPeerCertificate(true), host);
    return new VSphereError(
      'vsphere.tls',
      `certificate of ${where} is not trusted by ${trust}${reason ? `: ${reason}` : ''} (${code}); ` +
        `its SHA-1 thumbprint is ${actual}: ${advice}`,
      { serverThumbprint: fingerprint ? actual : undefined },
    );
  }
}

/** Creates the keep-alive HTTPS agent enforcing `tls`; `connectTimeoutMs` bounds TCP + handshake. */
export function createVSphereAgent(tls: VSphereTlsOptions, connectTimeoutMs = 30_000): Agent {
  return new VSphereAgent(tls, connectTimeoutMs);
}
