/** Acting on a profile's drift on one cluster: `POST …/clusters/:cluster/profiles/:profile/correct` (verb `correct`). */
import { API_RESOURCES } from '../access.js';
import type { ApiPorts } from '../ports.js';
import { Router } from '../router.js';

/** The profile actions router; the action itself is the application layer's use case. */
export function profileActionsRouter(ports: Pick<ApiPorts, 'correct'>): Router {
  return new Router().post(
    '/clusters/:cluster/profiles/:profile/correct',
    { resource: API_RESOURCES.driftProfiles, verb: 'correct', nameParam: 'profile' },
    async ({ params, user }) => {
      const result = await ports.correct({
        cluster: params.cluster!,
        profile: params.profile!,
        requestedBy: user?.username ?? 'anonymous (--no-auth)',
      });
      return { json: result ?? {} };
    },
  );
}
