/** Metrics adapters: Prometheus registry for drift, and the `/metrics` HTTP endpoint. */
export * from './prometheus.js';
export * from './server.js';
