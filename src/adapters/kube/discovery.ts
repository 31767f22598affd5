/** API discovery: which resources the server serves, in which versions, and how to address them. */

import { mapLimit } from '../../common/concurrency.js';
import { describeError } from '../../common/errors.js';
import type { KubeTransport } from './transport.js';

/** One resource the server serves in one version. */
export interface ApiResource {
  group: string;
  version: string;
  /** Plural resource name used in URLs, e.g. `machinedeployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  /** True when `version` is the group's preferred version. */
  preferred: boolean;
  shortNames: string[];
}

/** The result of discovery; `failures` lists group versions that could not be read. */
export interface Discovery {
  resources: ApiResource[];
  failures: { groupVersion: string; error: string }[];
}

/** Wire shape of an APIResourceList (only the fields Driftline reads). */
export interface ApiResourceListWire {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[]; shortNames?: string[] }[];
}

/** Wire shape of an APIGroupList. */
export interface ApiGroupListWire {
  groups: {
    name: string;
    versions: { groupVersion: string; version: string }[];
    preferredVersion?: { version: string };
  }[];
}

/**
 * Maps raw discovery documents to ApiResources. Subresources (`pods/status`) are dropped;
 * `preferred` marks the group's preferred version (the core group's only version is preferred).
 */
export function mapDiscovery(
  core: ApiResourceListWire | undefined,
  groups: ApiGroupListWire,
  lists: ApiResourceListWire[],
): ApiResource[] {
  const preferred = new Map<string, string>(
    groups.groups.map((g) => [g.name, g.preferredVersion?.version ?? '']),
  );
  const out: ApiResource[] = [];
  for (const list of [...(core ? [core] : []), ...lists]) {
    const [group, version] = splitGroupVersion(list.groupVersion);
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      out.push({
        group,
        version,
        resource: r.name,
        kind: r.kind,
        namespaced: r.namespaced,
        verbs: r.verbs ?? [],
        preferred: group === '' ? true : preferred.get(group) === version,
        shortNames: r.shortNames ?? [],
      });
    }
  }
  return out;
}

function splitGroupVersion(gv: string): [string, string] {
  const slash = gv.indexOf('/');
  return slash < 0 ? ['', gv] : [gv.slice(0, slash), gv.slice(slash + 1)];
}

/** Fetches discovery from the server, reading group versions concurrently; partial failures are reported, not thrown. */
export async function discover(transport: KubeTransport, concurrency = 8): Promise<Discovery> {
  const core = await transport.request<ApiResourceListWire>({
    method: 'GET',
    path: '/api/v1',
    what: 'discover core API',
  });
  const groups = await transport.request<ApiGroupListWire>({
    method: 'GET',
    path: '/apis',
    what: 'discover API groups',
  });
  const groupVersions = groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion));
  const failures: Discovery['failures'] = [];
  const lists = await mapLimit(groupVersions, concurrency, async (gv) => {
    try {
      return await transport.request<ApiResourceListWire>({
        method: 'GET',
        path: `/apis/${gv}`,
        what: `discover ${gv}`,
      });
    } catch (err) {
      failures.push({ groupVersion: gv, error: describeError(err) });
      return undefined;
    }
  });
  const ok = lists.filter((l): l is ApiResourceListWire => l !== undefined);
  return { resources: mapDiscovery(core, groups, ok), failures };
}

/** Finds the preferred-version resource for a kind (optionally in a group), or by plural/short name. */
export function findResource(
  resources: ApiResource[],
  query: { group?: string; kind?: string; resource?: string; version?: string },
): ApiResource | undefined {
  const matches = resources.filter(
    (r) =>
      (query.group === undefined || r.group === query.group) &&
      (query.version === undefined || r.version === query.version) &&
      (query.kind === undefined || r.kind === query.kind) &&
      (query.resource === undefined ||
        r.resource === query.resource ||
        r.shortNames.includes(query.resource)),
  );
  return matches.find((r) => r.preferred) ?? matches[0];
}
