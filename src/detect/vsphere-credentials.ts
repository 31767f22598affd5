/** Where detect's vSphere server and credentials come from: flags, govc's environment, or the backup (pure). */
import type { CapiTopology } from '../model/capi-topology.js';
import type { KubeObject } from '../model/resource-key.js';

/** What the user passed. */
export interface VSphereFlags {
  server?: string;
  username?: string;
  password?: string;
  thumbprint?: string;
  insecureSkipVerify?: boolean;
}

/** A resolved target, with where each part came from (for the report and messages, never the password). */
export interface VSphereTarget {
  server: string;
  username: string;
  password: string;
  thumbprint?: string;
  insecureSkipVerify: boolean;
  sources: { server: string; credentials: string };
}

/** The result: a target, or why there is none (`serverGiven` false: no vCenter named anywhere). */
export type VSphereResolution =
  | { ok: true; target: VSphereTarget }
  | { ok: false; reason: string; serverGiven: boolean };

/**
 * Resolves in this order: flags; govc's GOVC_URL (may embed user:password), GOVC_USERNAME,
 * GOVC_PASSWORD, GOVC_INSECURE; then the backup — VSphereCluster.spec.server/.thumbprint and the
 * Secret its spec.identityRef names (keys `username`, `password`).
 */
export function resolveVSphere(
  flags: VSphereFlags,
  env: NodeJS.ProcessEnv,
  topology: CapiTopology,
  objects: readonly KubeObject[],
): VSphereResolution {
  const govc = parseGovcUrl(env.GOVC_URL);
  const infra = topology.clusters.map((c) => c.infrastructure).find((i) => i?.server);
  const server = flags.server ?? govc?.host ?? infra?.server ?? undefined;
  if (!server)
    return {
      ok: false,
      serverGiven: false,
      reason:
        'no vCenter address: pass --vsphere-server, set GOVC_URL, or back up the VSphereCluster objects',
    };
  const serverSource = flags.server ? '--vsphere-server' : govc ? 'GOVC_URL' : 'VSphereCluster.spec.server';

  let username = flags.username ?? env.GOVC_USERNAME ?? govc?.username;
  let password = flags.password ?? env.GOVC_PASSWORD ?? govc?.password;
  let credentials = flags.username ? 'flags' : env.GOVC_USERNAME || govc?.username ? 'govc environment' : '';
  if (!username || !password) {
    const identity = identitySecret(topology, objects);
    if (identity) {
      username = identity.username;
      password = identity.password;
      credentials = `Secret ${identity.secret} (VSphereCluster identityRef) from the backup`;
    }
  }
  if (!username || !password) {
    return {
      ok: false,
      serverGiven: true,
      reason:
        'no vSphere credentials: pass --vsphere-username and --vsphere-password-file, or set GOVC_USERNAME/GOVC_PASSWORD',
    };
  }
  const insecure =
    flags.insecureSkipVerify ?? ['1', 'true'].includes((env.GOVC_INSECURE ?? '').toLowerCase());
  const thumbprint =
    flags.thumbprint ?? env.GOVC_TLS_KNOWN_HOSTS_THUMBPRINT ?? infra?.thumbprint ?? undefined;
  return {
    ok: true,
    target: {
      server,
      username,
      password,
      thumbprint,
      insecureSkipVerify: insecure,
      sources: { server: serverSource, credentials },
    },
  };
}

function parseGovcUrl(
  url: string | undefined,
): { host: string; username?: string; password?: string } | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`);
    const host = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
    return {
      host,
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
    };
  } catch {
    return undefined;
  }
}

function identitySecret(
  topology: CapiTopology,
  objects: readonly KubeObject[],
): { secret: string; username: string; password: string } | undefined {
  for (const cluster of topology.clusters) {
    const ref = cluster.infrastructure?.identityRef;
    if (ref?.kind !== 'Secret') continue;
    const secret = objects.find(
      (o) =>
        o.kind === 'Secret' && o.metadata.namespace === cluster.namespace && o.metadata.name === ref.name,
    );
    const data = (secret?.data ?? {}) as Record<string, string>;
    if (data.username && data.password) {
      return {
        secret: `${cluster.namespace}/${ref.name}`,
        username: Buffer.from(data.username, 'base64').toString('utf8'),
        password: Buffer.from(data.password, 'base64').toString('utf8'),
      };
    }
  }
  return undefined;
}
