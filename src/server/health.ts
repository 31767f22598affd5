/** The operational routes: `/healthz` (alive), `/readyz` (ready, else 503 with reasons) and `/metrics`. */
import type { Readiness } from './ports.js';
import { Router } from './router.js';

/** A Prometheus registry as prom-client's `Registry` exposes it. */
export interface MetricsRegistry {
  contentType: string;
  metrics(): Promise<string>;
}

/** Options of the operational routes. */
export interface HealthOptions {
  readiness: () => Readiness | Promise<Readiness>;
  metrics?: MetricsRegistry;
}

/** `/healthz` and `/readyz` for probes (public), `/metrics` for scrapers (`get` on the non-resource URL). */
export function healthRouter(options: HealthOptions): Router {
  const router = new Router()
    .get('/healthz', { public: true }, () => ({ json: { status: 'ok' } }))
    .get('/readyz', { public: true }, async () => {
      const readiness = await options.readiness();
      return readiness.ready
        ? { json: { status: 'ready' } }
        : { status: 503, json: { status: 'not-ready', reasons: readiness.reasons } };
    });
  const { metrics } = options;
  if (metrics)
    router.get('/metrics', { nonResourcePath: '/metrics', verb: 'get' }, async () => ({
      text: await metrics.metrics(),
      contentType: metrics.contentType,
    }));
  return router;
}
