/** What a route handler receives and returns: parsed request in, a JSON (or text) reply out. */
import type { IncomingMessage } from 'node:http';
import type { User } from './ports.js';

/** One request as a handler sees it, after routing and authorization. */
export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The authenticated user; undefined on public routes and with `--no-auth`. */
  user?: User;
  /** The JSON body (undefined when empty); rejects with http.bad-request when not JSON. */
  body(): Promise<unknown>;
  raw: IncomingMessage;
}

/** A handler's answer: JSON by default, or `text` with its content type (metrics). */
export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; text: string; contentType: string };

/** Handles one routed request. */
export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;
