/** `createServer`: the HTTP(S) server of `driftline serve`, listening with the binding rule enforced. */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { apiRouter } from './api/index.js';
import { AuditLog, type AuditSink } from './audit.js';
import { AuthGate, type AuthMode } from './auth.js';
import { checkBinding } from './binding.js';
import { ServerConfigError } from './errors.js';
import { type HealthOptions, healthRouter } from './health.js';
import { pipeline } from './pipeline.js';
import type { ApiPorts } from './ports.js';
import { Router } from './router.js';

/** Everything the server is built from; the application layer provides the ports. */
export interface ServerOptions extends HealthOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Allow plain HTTP on a non-loopback address (a TLS-terminating proxy in front). */
  insecureHttpBehindProxy?: boolean;
  auth: AuthMode;
  api: ApiPorts;
  /** Where audit lines of mutating calls go. */
  audit?: AuditSink;
  logger?: Logger;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. `https://127.0.0.1:8443`. */
  url: string;
  port: number;
  /**
   * Stops accepting connections and closes idle ones at once; requests in flight get `graceMs`
   * (default 0) to finish before their connections are cut (SIGTERM within the grace period).
   */
  close(graceMs?: number): Promise<void>;
}

/** Checks the binding rule, builds the routes and listens; rejects with a ServerConfigError when not allowed. */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  checkBinding({
    host: options.host,
    tls: options.tls !== undefined,
    insecureHttpBehindProxy: options.insecureHttpBehindProxy,
    noAuth: options.auth.mode === 'none',
  });
  const log = options.logger ?? silentLogger();
  const routes = new Router().route('/', healthRouter(options)).route('/', apiRouter(options.api)).routes();
  const listener = pipeline({
    routes,
    gate: new AuthGate(options.auth, log),
    audit: options.audit && new AuditLog(options.audit),
    log,
  });
  const server = options.tls
    ? https.createServer(await tlsMaterial(options.tls), listener)
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    close: (graceMs = 0) =>
      new Promise((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
      }),
  };
}

async function tlsMaterial(tls: { certFile: string; keyFile: string }): Promise<https.ServerOptions> {
  try {
    return { cert: await readFile(tls.certFile), key: await readFile(tls.keyFile) };
  } catch (err) {
    throw new ServerConfigError(
      'server.tls',
      `cannot read the TLS certificate or key: ${(err as Error).message}`,
    );
  }
}
