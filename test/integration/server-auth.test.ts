// The HTTP server's authentication and authorization against a real kube-apiserver 1.20:
// ServiceAccount tokens from the TokenRequest API, TokenReview, SubjectAccessReview and RBAC
// ClusterRoles decide who may read and who may correct; mutating calls are audited; probes,
// TLS and the loopback rule.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gauge, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/adapters/kube/index.js';
import { KubeReviews } from '../../src/adapters/kube/reviews.js';
import { selfSignedCert } from '../../src/lab/kube-apiserver.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import {
  type AuditRecord,
  type CorrectRequest,
  createServer,
  type Readiness,
  type RunningServer,
  type ServerOptions,
} from '../../src/server/index.js';
import { TestEnv } from '../env/harness.js';

const NS = 'driftline-auth';
const CORRECT = '/api/v1/clusters/wc1/profiles/web/correct';

let env: TestEnv;
let client: KubeClient;
let server: RunningServer;
let readiness: Readiness;
let tokenReviews = 0;
const tokens: Record<string, string> = {};
const auditLines: string[] = [];
const corrections: CorrectRequest[] = [];
const bodies: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'driftline-server-auth-'));

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  client = env.cluster('mgmt').client;
  await env.create('mgmt', rbacObjects());
  tokens.reader = await requestToken('reader');
  tokens.operator = await requestToken('operator');
  tokens.admin = env.cluster('mgmt').server.token;
  tokens.garbage = 'eyJhbGciOiJSUzI1NiJ9.not-a-token.at-all';
  readiness = { ready: false, reasons: ['drift watches not synced', 'leadership unknown'] };
  server = await createServer(options({ host: '127.0.0.1' }));
});

afterAll(async () => {
  await server?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('authentication', () => {
  it('answers 401 with a JSON error and a Bearer challenge when no token is sent', async () => {
    const res = await call(server, 'GET', '/api/v1/version');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="driftline"');
    expect(res.json).toEqual({ error: { code: 'auth.unauthenticated', message: expect.any(String) } });
  });

  it('answers 401 to a token the API server does not know, without echoing it', async () => {
    const res = await call(server, 'GET', '/api/v1/version', tokens.garbage);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: { code: 'auth.unauthenticated', message: 'the bearer token is not valid' },
    });
  });

  it('reviews a token once and reuses the answer for the next call', async () => {
    const before = tokenReviews;
    expect((await call(server, 'GET', '/api/v1/version', tokens.reader)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/version', tokens.reader)).status).toBe(200);
    expect(tokenReviews - before).toBe(1);
  });
});

describe('authorization', () => {
  it('lets the reader read', async () => {
    const res = await call(server, 'GET', '/api/v1/version', tokens.reader);
    expect(res).toMatchObject({ status: 200, json: { version: '0.0.0-test' } });
  });

  it('answers 403 naming the user and the verb when the reader tries to correct', async () => {
    const res = await call(server, 'POST', CORRECT, tokens.reader);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      error: {
        code: 'auth.forbidden',
        message: `user "system:serviceaccount:${NS}:reader" may not correct driftprofiles.driftline.dev/web`,
      },
    });
    expect(corrections).toEqual([]);
  });

  it('lets the operator correct, calling the use case once as that user', async () => {
    const res = await call(server, 'POST', CORRECT, tokens.operator);
    expect(res).toMatchObject({ status: 200, json: { corrected: 1 } });
    expect(corrections).toEqual([
      { cluster: 'wc1', profile: 'web', requestedBy: `system:serviceaccount:${NS}:operator` },
    ]);
  });

  it('protects /metrics as a non-resource URL: a scraper role reads it, the operator may not', async () => {
    const denied = await call(server, 'GET', '/metrics', tokens.operator);
    expect(denied.status).toBe(403);
    const allowed = await call(server, 'GET', '/metrics', tokens.reader);
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('driftline_test_up 1');
  });
});

describe('audit log', () => {
  it("records the operator's correction once: who, groups, what, when, result", async () => {
    const records = auditLines.map((l) => JSON.parse(l) as AuditRecord);
    const operator = records.filter((r) => r.user === `system:serviceaccount:${NS}:operator`);
    expect(operator).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        user: `system:serviceaccount:${NS}:operator`,
        groups: expect.arrayContaining(['system:serviceaccounts', `system:serviceaccounts:${NS}`]),
        sourceIP: '127.0.0.1',
        action: 'correct driftprofiles.driftline.dev/web',
        method: 'POST',
        path: CORRECT,
        status: 200,
        result: 'succeeded',
      },
    ]);
  });

  it("records the reader's refused attempt, and no read and no unauthenticated call", async () => {
    const records = auditLines.map((l) => JSON.parse(l) as AuditRecord);
    expect(records.map((r) => `${r.user} ${r.result}`)).toEqual([
      `system:serviceaccount:${NS}:reader forbidden`,
      `system:serviceaccount:${NS}:operator succeeded`,
    ]);
  });

  it('never holds a token, nor does any response', async () => {
    const everything = [...auditLines, ...bodies].join('\n');
    for (const token of Object.values(tokens)) expect(everything).not.toContain(token);
  });
});

describe('probes', () => {
  it('/healthz answers 200 without a token', async () => {
    expect(await call(server, 'GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('/readyz answers 503 with the reasons until ready, then 200', async () => {
    expect(await call(server, 'GET', '/readyz')).toMatchObject({
      status: 503,
      json: { status: 'not-ready', reasons: ['drift watches not synced', 'leadership unknown'] },
    });
    readiness = { ready: true, reasons: [] };
    expect(await call(server, 'GET', '/readyz')).toMatchObject({ status: 200, json: { status: 'ready' } });
  });
});

describe('binding and TLS', () => {
  it('serves HTTPS with the certificate and key given', async () => {
    const certFile = join(dir, 'serve.crt');
    const keyFile = join(dir, 'serve.key');
    selfSignedCert(certFile, keyFile, 'driftline-serve-test');
    const tls = await createServer(options({ host: '127.0.0.1', tls: { certFile, keyFile } }));
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await call(tls, 'GET', '/api/v1/version', tokens.reader, readFileSync(certFile, 'utf8'));
      expect(res).toMatchObject({ status: 200, json: { version: '0.0.0-test' } });
    } finally {
      await tls.close();
    }
  });

  it('refuses plain HTTP on a non-loopback address at start', async () => {
    await expect(createServer(options({ host: '0.0.0.0' }))).rejects.toMatchObject({
      code: 'server.insecure-bind',
      message: expect.stringContaining('--insecure-http-behind-proxy'),
    });
  });

  it('refuses --no-auth on a non-loopback address even with TLS', async () => {
    const tls = { certFile: join(dir, 'serve.crt'), keyFile: join(dir, 'serve.key') };
    await expect(
      createServer({ ...options({ host: '0.0.0.0', tls }), auth: { mode: 'none' } }),
    ).rejects.toMatchObject({
      code: 'server.no-auth-bind',
    });
  });

  it('serves without tokens with --no-auth on loopback', async () => {
    const open = await createServer({ ...options({ host: '127.0.0.1' }), auth: { mode: 'none' } });
    try {
      expect(await call(open, 'GET', '/api/v1/version')).toMatchObject({ status: 200 });
    } finally {
      await open.close();
    }
  });
});

function options(over: Pick<ServerOptions, 'host'> & Partial<ServerOptions>): ServerOptions {
  const reviews = new KubeReviews(client.transport);
  const registry = new Registry();
  new Gauge({ name: 'driftline_test_up', help: 'A metric of this test.', registers: [registry] }).set(1);
  return {
    port: 0,
    auth: {
      mode: 'kube',
      tokens: {
        reviewToken: (token) => {
          tokenReviews += 1;
          return reviews.reviewToken(token);
        },
      },
      access: reviews,
    },
    api: {
      version: '0.0.0-test',
      correct: async (request) => {
        corrections.push(request);
        return { corrected: 1 };
      },
    },
    readiness: () => readiness,
    metrics: registry,
    audit: { write: (line: string) => auditLines.push(line) },
    ...over,
  };
}

/** A token for ServiceAccount `name` from the TokenRequest API. */
async function requestToken(name: string): Promise<string> {
  const answer = await client.transport.request<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${NS}/serviceaccounts/${name}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
    what: `request a token for ${name}`,
  });
  return answer.status.token;
}

/** Namespace, ServiceAccounts, ClusterRoles and bindings: reader reads (and scrapes), operator also corrects. */
function rbacObjects(): KubeObject[] {
  const group = 'driftline.dev';
  const role = (name: string, rules: unknown[]): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `driftline-test-${name}` },
    rules,
  });
  const binding = (name: string): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `driftline-test-${name}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `driftline-test-${name}` },
    subjects: [{ kind: 'ServiceAccount', name, namespace: NS }],
  });
  const read = { apiGroups: [group], resources: ['fleet', 'driftprofiles'], verbs: ['get', 'list'] };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: NS } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'operator', namespace: NS } },
    role('reader', [read, { nonResourceURLs: ['/metrics'], verbs: ['get'] }]),
    role('operator', [read, { apiGroups: [group], resources: ['driftprofiles'], verbs: ['correct'] }]),
    binding('reader'),
    binding('operator'),
  ];
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json?: unknown;
}

/** One request to the server (HTTPS when its URL says so, trusting `ca`); every body is kept for the token check. */
function call(
  target: RunningServer,
  method: string,
  path: string,
  token?: string,
  ca?: string,
): Promise<Answer> {
  const url = new URL(path, target.url);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, ca, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          bodies.push(text, JSON.stringify(res.headers));
          const json = res.headers['content-type']?.startsWith('application/json')
            ? JSON.parse(text)
            : undefined;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
