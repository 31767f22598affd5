/** Small composable routers (Hono's `app.route(prefix, child)`): each route declares its access, the pipeline enforces it. */
import type { AccessRule } from './access.js';
import type { Handler } from './context.js';

/** HTTP methods the API serves. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One route: method, pattern (`/clusters/:cluster`), who may call it, and its handler. */
export interface Route {
  method: Method;
  pattern: string;
  access: AccessRule;
  handler: Handler;
}

/** A list of routes that can be mounted under a prefix into another router. */
export class Router {
  private readonly table: Route[] = [];

  /** Adds a GET route. */
  get(pattern: string, access: AccessRule, handler: Handler): this {
    return this.add({ method: 'GET', pattern, access, handler });
  }

  /** Adds a POST route. */
  post(pattern: string, access: AccessRule, handler: Handler): this {
    return this.add({ method: 'POST', pattern, access, handler });
  }

  /** Mounts every route of `child` under `prefix`. */
  route(prefix: string, child: Router): this {
    for (const r of child.routes()) this.add({ ...r, pattern: joinPath(prefix, r.pattern) });
    return this;
  }

  /** The routes, in the order added. */
  routes(): readonly Route[] {
    return this.table;
  }

  private add(route: Route): this {
    this.table.push(route);
    return this;
  }
}

/** The outcome of matching a request against a route table. */
export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: Method[] }
  | { kind: 'not-found' };

/** Finds the first route whose pattern and method fit; a path known under other methods is a 405. */
export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const allowed: Method[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' };
}

/** Matches `/a/:x/b` against a path; resolves the decoded parameters, or undefined. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = segments(pattern);
  const got = segments(path);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, w] of want.entries()) {
    const g = got[i]!;
    if (w.startsWith(':')) {
      const value = decodeSegment(g);
      if (value === undefined || value === '') return undefined;
      params[w.slice(1)] = value;
    } else if (w !== g) return undefined;
  }
  return params;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

// A malformed escape (`%zz`) matches nothing rather than throwing from the router.
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function joinPath(prefix: string, pattern: string): string {
  return `/${[...segments(prefix), ...segments(pattern)].join('/')}`;
}
