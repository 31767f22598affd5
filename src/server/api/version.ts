/** `GET /api/v1/version`: the running Driftline's version (get on `fleet`). */
import { API_RESOURCES } from '../access.js';
import type { ApiPorts } from '../ports.js';
import { Router } from '../router.js';

/** The version router. */
export function versionRouter(ports: Pick<ApiPorts, 'version'>): Router {
  return new Router().get('/version', { resource: API_RESOURCES.fleet, verb: 'get' }, () => ({
    json: { version: ports.version },
  }));
}
