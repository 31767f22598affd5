// deploy/ on a real kube-apiserver 1.20, applied with `kubectl apply -k`: as serve's
// ServiceAccount (a TokenRequest token), every permission serve needs is allowed and the
// dangerous ones are denied; the shipped roles grant nothing beyond that list; the stored
// Deployment is locked down and its probes are the server's routes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { kubeconfigYaml } from '../../src/lab/kube-apiserver.js';
import { SYSTEM_NAMESPACE } from '../../src/model/vocabulary.js';
import { healthRouter } from '../../src/server/health.js';
import { matchRoute } from '../../src/server/router.js';
import { TestEnv } from '../env/harness.js';
import { ALLOWED, type Check, DENIED, NEEDED, type Rule, ruleGrants } from './deploy-cases.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPLOY_DIR = join(ROOT, 'deploy');
const SA = 'driftline';
const APPS_DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };

let env: TestEnv;
let admin: KubeClient;
let asServe: KubeClient;
let rendered: Manifest[];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [field: string]: unknown;
}

beforeAll(async () => {
  // Required, not optional: scripts/testenv/install-system-packages.sh installs kubectl.
  execFileSync('kubectl', ['version', '--client'], { stdio: 'pipe' });
  rendered = parseAllDocuments(kubectl('kustomize', DEPLOY_DIR)).map((d) => d.toJS() as Manifest);
  env = await TestEnv.start({ clusters: ['mgmt'] });
  admin = env.cluster('mgmt').client;
  kubectl('--kubeconfig', env.cluster('mgmt').server.kubeconfigPath, 'apply', '-k', DEPLOY_DIR);
  const { url, caPem } = env.cluster('mgmt').server;
  asServe = KubeClient.connect({ inline: kubeconfigYaml('mgmt', url, caPem, await serviceAccountToken()) });
}, 120_000);

afterAll(async () => {
  asServe?.transport.close();
  await env?.stop();
});

describe('deploy/ applied with kubectl apply -k', () => {
  it('creates every object in the namespace the code uses', async () => {
    const kinds = rendered.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(kinds).toEqual([
      'ClusterRole/driftline-controller',
      'ClusterRoleBinding/driftline-auth-delegator',
      'ClusterRoleBinding/driftline-controller',
      'CustomResourceDefinition/backupschedules.driftline.dev',
      'CustomResourceDefinition/driftprofiles.driftline.dev',
      'Deployment/driftline',
      'Namespace/driftline-system',
      'Role/driftline-controller',
      'RoleBinding/driftline-controller',
      'Service/driftline',
      'ServiceAccount/driftline',
    ]);
    for (const m of rendered.filter((r) => r.metadata.namespace !== undefined))
      expect(m.metadata.namespace, `${m.kind}/${m.metadata.name}`).toBe(SYSTEM_NAMESPACE);
    expect(await admin.get(APPS_DEPLOYMENTS, SYSTEM_NAMESPACE, 'driftline')).toBeDefined();
  });
});

describe("serve's ServiceAccount: least privilege, proven by the API server", () => {
  it.each(ALLOWED)('may $verb $what', async (check) => {
    expect(await allowed(check)).toBe(true);
  });

  it.each(DENIED)('may not $verb $what', async (check) => {
    expect(await allowed(check)).toBe(false);
  });

  it('is granted nothing beyond what serve needs (every shipped rule is in the list)', () => {
    const roles = rendered.filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role');
    const granted = roles.flatMap((r) => (r.rules as Rule[]).flatMap((rule) => ruleGrants(r.kind, rule)));
    expect(granted.filter((g) => !NEEDED.includes(g))).toEqual([]);
    expect([...new Set(granted)].sort()).toEqual([...NEEDED].sort());
  });
});

describe('deploy/examples/api-roles.yaml', () => {
  it('holds the ClusterRoles of docs/serve.md, rule for rule', () => {
    const rules = (yaml: string): unknown[] =>
      parseAllDocuments(yaml).map((d) => {
        const role = d.toJS() as Manifest;
        return [role.metadata.name, role.rules];
      });
    const docs = readFileSync(join(ROOT, 'docs', 'serve.md'), 'utf8');
    const start = docs.indexOf('```yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole');
    expect(start).toBeGreaterThan(0);
    const block = docs.slice(start + '```yaml\n'.length, docs.indexOf('```', start + 7));
    const shipped = readFileSync(join(DEPLOY_DIR, 'examples', 'api-roles.yaml'), 'utf8');
    expect(rules(shipped)).toEqual(rules(block));
  });
});

describe('the Deployment as the API server stored it', () => {
  let pod: PodSpec;
  let c: PodSpec['containers'][number];
  beforeAll(async () => {
    const stored = (await admin.get(APPS_DEPLOYMENTS, SYSTEM_NAMESPACE, 'driftline')) as unknown as {
      spec: { replicas: number; template: { spec: PodSpec } };
    };
    expect(stored.spec.replicas).toBe(2);
    pod = stored.spec.template.spec;
    expect(pod.containers).toHaveLength(1);
    c = pod.containers[0] as typeof c;
  });

  it("runs as serve's ServiceAccount, non-root, with seccomp RuntimeDefault", () => {
    expect(pod.serviceAccountName).toBe(SA);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  });

  it('locks the container down: read-only root, no escalation, no capabilities, /tmp an emptyDir', () => {
    expect(c.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.securityContext.capabilities.add).toBeUndefined();
    const tmp = c.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('sets requests and limits, the Pod name for the leader identity, and the TLS files from the Secret', () => {
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(c.env.find((e) => e.name === 'POD_NAME')?.valueFrom).toEqual({
      fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' },
    });
    const tls = c.volumeMounts.find((m) => pod.volumes.find((v) => v.name === m.name)?.secret);
    expect(tls?.readOnly).toBe(true);
    expect(c.args[0]).toBe('serve');
    expect(c.args).toContain(`--tls-cert-file=${tls?.mountPath}/tls.crt`);
    expect(c.args).toContain(`--tls-private-key-file=${tls?.mountPath}/tls.key`);
  });

  it("probes the server's own public routes, over HTTPS on the port the Service targets", () => {
    const routes = healthRouter({ readiness: () => ({ ready: true, reasons: [] }) }).routes();
    const service = rendered.find((m) => m.kind === 'Service') as unknown as {
      spec: { ports: { name: string; port: number; targetPort: string }[] };
    };
    for (const [probe, path] of [
      [c.livenessProbe, '/healthz'],
      [c.readinessProbe, '/readyz'],
    ] as const) {
      expect(probe.httpGet).toMatchObject({ path, port: 'https', scheme: 'HTTPS' });
      const match = matchRoute(routes, 'GET', probe.httpGet.path);
      expect(match.kind === 'found' && match.route.access).toEqual({ public: true });
    }
    expect(c.ports).toEqual([{ name: 'https', containerPort: 8443, protocol: 'TCP' }]);
    expect(service.spec.ports).toEqual([{ name: 'https', port: 8443, targetPort: 'https', protocol: 'TCP' }]);
    expect(c.args).toContain('--address=0.0.0.0:8443');
  });
});

interface PodSpec {
  serviceAccountName: string;
  securityContext: { runAsNonRoot: boolean; runAsUser: number; seccompProfile: { type: string } };
  containers: {
    args: string[];
    env: { name: string; valueFrom?: unknown }[];
    ports: unknown[];
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    securityContext: { capabilities: { add?: string[]; drop: string[] } } & Record<string, unknown>;
    volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
    livenessProbe: { httpGet: { path: string } };
    readinessProbe: { httpGet: { path: string } };
  }[];
  volumes: { name: string; emptyDir?: unknown; secret?: unknown }[];
}

/** Asks the API server, as serve's ServiceAccount, whether it may do `check` (SelfSubjectAccessReview). */
async function allowed(check: Check): Promise<boolean> {
  const review = await asServe.transport.request<{ status: { allowed: boolean } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: check.nonResourcePath
        ? { nonResourceAttributes: { path: check.nonResourcePath, verb: check.verb } }
        : { resourceAttributes: { ...check.attributes, verb: check.verb } },
    },
    what: `review ${check.verb} ${check.what}`,
  });
  return review.status.allowed;
}

/** A token for serve's ServiceAccount from the TokenRequest API, as the kubelet would mount it. */
async function serviceAccountToken(): Promise<string> {
  const answer = await admin.transport.request<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${SYSTEM_NAMESPACE}/serviceaccounts/${SA}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
    what: `request a token for ${SA}`,
  });
  return answer.status.token;
}

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', args, { encoding: 'utf8', stdio: 'pipe' });
}
