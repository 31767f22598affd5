/** `/api/v1`: composed from one small router per area. */
import type { ApiPorts } from '../ports.js';
import { Router } from '../router.js';
import { profileActionsRouter } from './profiles.js';
import { versionRouter } from './version.js';

/** Every `/api/v1` route, mounted under the prefix. */
export function apiRouter(ports: ApiPorts): Router {
  return new Router().route(
    '/api/v1',
    new Router().route('/', versionRouter(ports)).route('/', profileActionsRouter(ports)),
  );
}
