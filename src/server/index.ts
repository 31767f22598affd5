/** `src/server`: the HTTP API of `driftline serve`. Import it only from serve: the CLI's start-up must not pay for it. */
export { type AccessRule, API_RESOURCES, READ_VERBS, type Verb, WRITE_VERBS } from './access.js';
export type { AuditRecord, AuditSink } from './audit.js';
export type { AuthMode } from './auth.js';
export { isLoopback } from './binding.js';
export { type ErrorBody, HttpError, ServerConfigError } from './errors.js';
export type { MetricsRegistry } from './health.js';
export type * from './ports.js';
export { createServer, type RunningServer, type ServerOptions } from './server.js';
