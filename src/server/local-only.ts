/** With `--no-auth`, answer only what a local client sent: no DNS-rebound Host, no cross-origin page. */
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopback } from './binding.js';
import { HttpError } from './errors.js';

/**
 * Throws auth.forbidden unless the request is addressed to a loopback host and, when a browser
 * says where it comes from (`Origin`), comes from this same origin. Without a token to check, a
 * web page the user visits could otherwise POST to `127.0.0.1` (a simple request needs no CORS
 * preflight), or reach it through a DNS name rebound to 127.0.0.1.
 */
export function checkLocalRequest(headers: IncomingHttpHeaders): void {
  const host = headers.host;
  if (!host || !isLoopback(hostname(host) ?? ''))
    throw new HttpError(
      'auth.forbidden',
      'with --no-auth only requests addressed to a loopback host are answered',
    );
  const origin = headers.origin;
  if (origin !== undefined && originHost(origin) !== host.toLowerCase())
    throw new HttpError('auth.forbidden', 'with --no-auth cross-origin requests are refused');
}

function hostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

// `Origin: null` (a sandboxed page, a file) has no host and so never matches.
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
