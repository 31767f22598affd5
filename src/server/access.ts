/** What each route needs: the `driftline.dev` resources and verbs a ClusterRole grants, as SubjectAccessReview attributes. */
import { DOMAIN } from '../model/vocabulary.js';
import type { AccessAttributes } from './ports.js';

/** The `driftline.dev` resources the API authorizes against (RBAC `resources:`). */
export const API_RESOURCES = {
  /** Fleet-wide read-only information: status, version. */
  fleet: 'fleet',
  /** Drift profiles: read their drift; `correct` and `accept` act on it. */
  driftProfiles: 'driftprofiles',
} as const;

/** Verbs that only read (RBAC's standard read verbs). */
export const READ_VERBS = ['get', 'list'] as const;

/**
 * Verbs that change something. Custom verbs, as RBAC allows (like `bind`, `escalate`,
 * `approve`): `correct` applies a profile over drift, `accept` takes the drift into the
 * profile, `create` on `backups` triggers a backup.
 */
export const WRITE_VERBS = ['correct', 'accept', 'create'] as const;

/** A verb the API checks. */
export type Verb = (typeof READ_VERBS)[number] | (typeof WRITE_VERBS)[number];

/** Who may call a route. */
export type AccessRule =
  /** Anyone: only health probes, which reveal nothing. */
  | { public: true }
  /** A non-resource URL (`/metrics`), granted by `nonResourceURLs` in a ClusterRole. */
  | { nonResourcePath: string; verb: 'get' }
  /** A verb on a `driftline.dev` resource; `nameParam` names the path parameter that is the object's name. */
  | { resource: string; verb: Verb; nameParam?: string };

/** True when calls under this rule change something, so they are audited. */
export function isMutating(rule: AccessRule): boolean {
  return 'resource' in rule && (WRITE_VERBS as readonly string[]).includes(rule.verb);
}

/** The SubjectAccessReview attributes of a rule for one request's path parameters; undefined for public routes. */
export function accessAttributes(
  rule: AccessRule,
  params: Record<string, string>,
): AccessAttributes | undefined {
  if ('public' in rule) return undefined;
  if ('nonResourcePath' in rule) return { nonResource: { path: rule.nonResourcePath, verb: rule.verb } };
  const name = rule.nameParam ? params[rule.nameParam] : undefined;
  return {
    resource: { group: DOMAIN, resource: rule.resource, verb: rule.verb, ...(name && { name }) },
  };
}

/** `verb resource[/name]` for messages and the audit log, e.g. `correct driftprofiles/web`. */
export function describeAccess(attributes: AccessAttributes): string {
  if ('nonResource' in attributes) return `${attributes.nonResource.verb} ${attributes.nonResource.path}`;
  const { verb, resource, name } = attributes.resource;
  return `${verb} ${resource}.${DOMAIN}${name ? `/${name}` : ''}`;
}
