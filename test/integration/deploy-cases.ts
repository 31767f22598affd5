// What `driftline serve` needs from the management cluster (docs/deploy.md, "RBAC, rule by
// rule"), and what it must not be able to do: the cases deploy.test.ts asks the API server about.
import { SYSTEM_NAMESPACE } from '../../src/model/vocabulary.js';

/** One permission serve needs; `scope` is where the shipped roles grant it. */
interface Need {
  scope: 'cluster' | typeof SYSTEM_NAMESPACE;
  group: string;
  resource: string;
  namespaced: boolean;
  verbs: string[];
  name?: string;
  /** Granted by a built-in ClusterRole rather than by deploy/rbac/. */
  via?: 'system:auth-delegator';
}

/** A SelfSubjectAccessReview to make. */
export interface Check {
  verb: string;
  what: string;
  attributes?: { group: string; resource: string; subresource?: string; namespace?: string; name?: string };
  nonResourcePath?: string;
}

/** An RBAC policy rule as written in deploy/rbac/. */
export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

const LEASE = 'driftline-controller';
const READ = ['get', 'list', 'watch'];

const NEEDS: Need[] = [
  { scope: 'cluster', group: 'cluster.x-k8s.io', resource: 'clusters', namespaced: true, verbs: READ },
  { scope: 'cluster', group: '', resource: 'secrets', namespaced: true, verbs: READ },
  { scope: 'cluster', group: '', resource: 'events', namespaced: true, verbs: ['create', 'patch'] },
  {
    scope: 'cluster',
    group: 'events.k8s.io',
    resource: 'events',
    namespaced: true,
    verbs: ['create', 'patch'],
  },
  { scope: 'cluster', group: 'driftline.dev', resource: 'driftprofiles', namespaced: false, verbs: READ },
  { scope: 'cluster', group: 'driftline.dev', resource: 'backupschedules', namespaced: true, verbs: READ },
  {
    scope: 'cluster',
    group: 'driftline.dev',
    resource: 'driftprofiles/status',
    namespaced: false,
    verbs: ['update', 'patch'],
  },
  {
    scope: 'cluster',
    group: 'driftline.dev',
    resource: 'backupschedules/status',
    namespaced: true,
    verbs: ['update', 'patch'],
  },
  {
    scope: SYSTEM_NAMESPACE,
    group: '',
    resource: 'configmaps',
    namespaced: true,
    verbs: [...READ, 'create', 'update', 'patch', 'delete'],
  },
  {
    scope: SYSTEM_NAMESPACE,
    group: 'coordination.k8s.io',
    resource: 'leases',
    namespaced: true,
    verbs: ['create'],
  },
  {
    scope: SYSTEM_NAMESPACE,
    group: 'coordination.k8s.io',
    resource: 'leases',
    namespaced: true,
    verbs: ['get', 'update'],
    name: LEASE,
  },
  {
    scope: 'cluster',
    group: 'authentication.k8s.io',
    resource: 'tokenreviews',
    namespaced: false,
    verbs: ['create'],
    via: 'system:auth-delegator',
  },
  {
    scope: 'cluster',
    group: 'authorization.k8s.io',
    resource: 'subjectaccessreviews',
    namespaced: false,
    verbs: ['create'],
    via: 'system:auth-delegator',
  },
];

const key = (scope: string, group: string, resource: string, verb: string, name?: string): string =>
  `${scope} ${group || 'core'}/${resource} ${verb}${name ? ` ${name}` : ''}`;

/** Every (scope, group/resource, verb, name) the shipped roles must grant, one string each. */
export const NEEDED: string[] = NEEDS.filter((n) => !n.via).flatMap((n) =>
  n.verbs.map((v) => key(n.scope, n.group, n.resource, v, n.name)),
);

/** The grants of one rule of a ClusterRole or a Role (in driftline-system), as NEEDED spells them. */
export function ruleGrants(kind: string, rule: Rule): string[] {
  const scope = kind === 'ClusterRole' ? 'cluster' : SYSTEM_NAMESPACE;
  const names = rule.resourceNames ?? [undefined];
  return rule.apiGroups.flatMap((g) =>
    rule.resources.flatMap((r) => rule.verbs.flatMap((v) => names.map((n) => key(scope, g, r, v, n)))),
  );
}

/** `pods/exec` → ['pods', 'exec']. */
function splitResource(resource: string): [string, string | undefined] {
  const [res = resource, subresource] = resource.split('/');
  return [res, subresource];
}

function attributes(n: Need, namespace: string | undefined): NonNullable<Check['attributes']> {
  const [resource, subresource] = splitResource(n.resource);
  return { group: n.group, resource, subresource, namespace, name: n.name };
}

// A fleet namespace stands for "any namespace a Cluster lives in"; '' asks for all namespaces at once.
const FLEET_NS = 'fleet-a';

/** Each needed permission where serve uses it: in a Cluster's namespace, fleet-wide, or in driftline-system. */
export const ALLOWED: Check[] = NEEDS.flatMap((n) => {
  const where = !n.namespaced ? [undefined] : n.scope === 'cluster' ? [FLEET_NS, ''] : [n.scope];
  return n.verbs.flatMap((verb) =>
    where.map((ns) => ({
      verb,
      what: `${n.resource}.${n.group || 'core'}${n.name ? `/${n.name}` : ''} in ${ns === undefined ? 'the cluster' : ns || 'all namespaces'}`,
      attributes: attributes(n, ns),
    })),
  );
});

const deny = (verb: string, group: string, resource: string, namespace?: string, name?: string): Check => {
  const [res, subresource] = splitResource(resource);
  return {
    verb,
    what: `${resource}.${group || 'core'}${name ? `/${name}` : ''} in ${namespace ?? 'the cluster'}`,
    attributes: { group, resource: res, subresource, namespace, name },
  };
};

/** Typical dangerous permissions: none may be granted. */
export const DENIED: Check[] = [
  ...['create', 'update', 'patch', 'delete', 'deletecollection'].flatMap((v) => [
    deny(v, '', 'secrets', FLEET_NS),
    deny(v, '', 'secrets', SYSTEM_NAMESPACE),
  ]),
  ...['create', 'update', 'patch', 'delete'].map((v) => deny(v, 'cluster.x-k8s.io', 'clusters', FLEET_NS)),
  deny('patch', 'cluster.x-k8s.io', 'clusters/status', FLEET_NS),
  ...['get', 'create', 'update', 'delete'].flatMap((v) => [
    deny(v, '', 'configmaps', FLEET_NS),
    deny(v, '', 'configmaps', 'kube-system'),
  ]),
  deny('list', '', 'configmaps', ''),
  deny('deletecollection', '', 'configmaps', SYSTEM_NAMESPACE),
  deny('update', 'coordination.k8s.io', 'leases', SYSTEM_NAMESPACE, 'another-controller'),
  deny('get', 'coordination.k8s.io', 'leases', SYSTEM_NAMESPACE, 'another-controller'),
  deny('delete', 'coordination.k8s.io', 'leases', SYSTEM_NAMESPACE, LEASE),
  deny('list', 'coordination.k8s.io', 'leases', SYSTEM_NAMESPACE),
  deny('update', 'coordination.k8s.io', 'leases', 'kube-system', 'kube-controller-manager'),
  ...['create', 'update', 'delete'].map((v) => deny(v, 'driftline.dev', 'driftprofiles')),
  deny('update', 'driftline.dev', 'backupschedules', SYSTEM_NAMESPACE),
  deny('create', 'apps', 'deployments', SYSTEM_NAMESPACE),
  deny('create', '', 'pods', SYSTEM_NAMESPACE),
  deny('create', '', 'pods/exec', SYSTEM_NAMESPACE),
  deny('create', '', 'serviceaccounts/token', SYSTEM_NAMESPACE, 'driftline'),
  deny('impersonate', '', 'users'),
  deny('create', 'rbac.authorization.k8s.io', 'clusterrolebindings'),
  deny('escalate', 'rbac.authorization.k8s.io', 'clusterroles'),
  deny('bind', 'rbac.authorization.k8s.io', 'clusterroles'),
  deny('update', 'apiextensions.k8s.io', 'customresourcedefinitions'),
  deny('get', '', 'nodes/proxy'),
  deny('*', '*', '*'),
  deny('*', '', 'configmaps', SYSTEM_NAMESPACE),
  deny('*', 'cluster.x-k8s.io', 'clusters', FLEET_NS),
  // serve answers these verbs for API users; it is not one of them.
  deny('correct', 'driftline.dev', 'driftprofiles', undefined, 'web'),
  { verb: '*', what: 'non-resource URL *', nonResourcePath: '*' },
];
