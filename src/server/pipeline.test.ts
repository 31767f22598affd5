import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from './audit.js';
import type { ApiPorts } from './ports.js';
import { createServer, type RunningServer } from './server.js';

const lines: string[] = [];
let fail = false;
const api: ApiPorts = {
  version: '1.2.3',
  correct: async () => {
    if (fail) throw new Error('apply failed at https://10.0.0.9:6443 with token abc');
    return { corrected: 2 };
  },
};
let server: RunningServer;

beforeAll(async () => {
  server = await createServer({
    host: '127.0.0.1',
    port: 0,
    auth: {
      mode: 'kube',
      tokens: {
        reviewToken: async (t) => ({ authenticated: t === 'ok', user: { username: 'bob', groups: ['g'] } }),
      },
      access: { reviewAccess: async () => ({ allowed: true }) },
    },
    api,
    readiness: () => ({ ready: true, reasons: [] }),
    audit: { write: (line) => lines.push(line) },
  });
});

afterAll(() => server?.close());

const call = (method: string, path: string, token = 'ok') =>
  fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
const correct = '/api/v1/clusters/wc1/profiles/web/correct';

describe('the request pipeline', () => {
  it('answers an unknown path with a JSON 404', async () => {
    const res = await call('GET', '/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'http.not-found', message: 'no route /api/v1/nothing' },
    });
  });

  it('answers another method with 405 and the Allow header', async () => {
    const res = await call('DELETE', '/api/v1/version');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('does not audit reads', async () => {
    lines.length = 0;
    expect((await call('GET', '/api/v1/version?x=1')).status).toBe(200);
    expect(lines).toEqual([]);
  });

  it('audits a mutating call without its query string', async () => {
    lines.length = 0;
    await call('POST', `${correct}?access_token=secret`);
    expect(lines.map((l) => JSON.parse(l) as AuditRecord)).toEqual([
      expect.objectContaining({ user: 'bob', path: correct, status: 200, result: 'succeeded' }),
    ]);
    expect(lines.join()).not.toContain('secret');
  });

  it('hides a failing use case behind a 500 and audits it as failed', async () => {
    lines.length = 0;
    fail = true;
    const res = await call('POST', correct);
    fail = false;
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('10.0.0.9');
    expect(JSON.parse(lines[0]!)).toMatchObject({ result: 'failed', status: 500, error: 'http.internal' });
  });

  it('does not audit a call without a valid token', async () => {
    lines.length = 0;
    expect((await call('POST', correct, 'bad')).status).toBe(401);
    expect(lines).toEqual([]);
  });
});

describe('close', () => {
  it('lets a request in flight finish within the grace period', async () => {
    let release = (): void => {};
    const slow = await createServer({
      host: '127.0.0.1',
      port: 0,
      auth: { mode: 'none' },
      api: { ...api, correct: () => new Promise((r) => (release = () => r({ done: true }))) },
      readiness: () => ({ ready: true, reasons: [] }),
    });
    const inFlight = fetch(`${slow.url}${correct}`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 100));
    const closed = slow.close(5_000);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closed;
    await expect(fetch(`${slow.url}/healthz`)).rejects.toThrow();
  });
});
