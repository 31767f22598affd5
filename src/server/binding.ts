/** The binding rule: plain HTTP and `--no-auth` only on loopback (or plain HTTP behind a proxy, when asked). */
import { isIP } from 'node:net';
import { ServerConfigError } from './errors.js';

/** How the server is exposed, as far as the binding rule cares. */
export interface BindingOptions {
  host: string;
  tls: boolean;
  /** Plain HTTP on a non-loopback address, for a proxy that terminates TLS in front. */
  insecureHttpBehindProxy?: boolean;
  noAuth: boolean;
}

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Throws a ServerConfigError naming the flag to change when the binding is not allowed. */
export function checkBinding(options: BindingOptions): void {
  const loopback = isLoopback(options.host);
  if (options.noAuth && !loopback)
    throw new ServerConfigError(
      'server.no-auth-bind',
      `--no-auth is allowed only on a loopback address (127.0.0.1, ::1), not ${options.host}: anyone who can reach it could act on the fleet`,
    );
  if (!options.tls && !loopback && !options.insecureHttpBehindProxy)
    throw new ServerConfigError(
      'server.insecure-bind',
      `refusing plain HTTP on ${options.host}: give --tls-cert-file and --tls-private-key-file, bind to 127.0.0.1, or set --insecure-http-behind-proxy when a proxy terminates TLS in front`,
    );
}
