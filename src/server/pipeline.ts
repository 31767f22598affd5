/** The request pipeline: route → authenticate → authorize (one place, before any handler) → handle → audit. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../common/logger.js';
import { accessAttributes, describeAccess, isMutating } from './access.js';
import { type AuditLog, auditResult } from './audit.js';
import type { AuthGate } from './auth.js';
import type { Reply } from './context.js';
import { errorReply, HttpError } from './errors.js';
import type { AccessAttributes, User } from './ports.js';
import { jsonBody, writeReply } from './reply.js';
import { matchRoute, type Route } from './router.js';

/** What the pipeline needs. */
export interface PipelineOptions {
  routes: readonly Route[];
  gate: AuthGate;
  audit?: AuditLog;
  log: Logger;
}

/** Builds the node:http request listener. */
export function pipeline(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(options, req, res).catch((err: unknown) => {
      options.log.error({ err: (err as Error).message }, 'reply failed');
      res.destroy();
    });
  };
}

async function handle(options: PipelineOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://driftline.invalid');
  const match = matchRoute(options.routes, req.method ?? 'GET', url.pathname);
  if (match.kind !== 'found') {
    writeReply(res, notFound(match, url.pathname));
    return;
  }
  const { route, params } = match;
  const attributes = accessAttributes(route.access, params);
  let user: User | undefined;
  let identified = false;
  let reply: Reply;
  try {
    user = attributes ? await options.gate.authenticate(req.headers) : undefined;
    identified = true;
    if (attributes) await options.gate.authorize(user, attributes);
    reply = await route.handler({ params, query: url.searchParams, user, body: jsonBody(req), raw: req });
  } catch (err) {
    reply = failure(err, options.log);
  }
  writeReply(res, reply);
  // A call nobody could be identified for (401, or no answer from TokenReview) names no one.
  if (attributes && identified && isMutating(route.access) && options.audit)
    audit(options.audit, req, url.pathname, user, attributes, reply);
}

function notFound(
  match: { kind: 'wrong-method'; allowed: string[] } | { kind: 'not-found' },
  path: string,
): Reply {
  if (match.kind === 'wrong-method') {
    const { body } = errorReply(
      new HttpError('http.method-not-allowed', `${path} accepts ${match.allowed.join(', ')}`),
    );
    return { status: 405, json: body, headers: { allow: match.allowed.join(', ') } };
  }
  return { status: 404, json: errorReply(new HttpError('http.not-found', `no route ${path}`)).body };
}

function failure(err: unknown, log: Logger): Reply {
  const { status, body } = errorReply(err);
  if (status >= 500) log.error({ err: (err as Error)?.message, code: body.error.code }, 'request failed');
  // RFC 6750: a 401 names the scheme the client should use.
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="driftline"' } : {};
  return { status, json: body, headers };
}

function audit(
  log: AuditLog,
  req: IncomingMessage,
  path: string,
  user: User | undefined,
  attributes: AccessAttributes,
  reply: Reply,
): void {
  const status = reply.status ?? 200;
  const code =
    'json' in reply ? (reply.json as { error?: { code?: string } } | undefined)?.error?.code : undefined;
  log.record({
    time: new Date().toISOString(),
    user: user?.username ?? null,
    groups: user?.groups ?? [],
    sourceIP: req.socket.remoteAddress,
    action: describeAccess(attributes),
    method: req.method ?? 'GET',
    path,
    status,
    result: auditResult(status),
    ...(status >= 300 && code && { error: code }),
  });
}
