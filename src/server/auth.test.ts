import { describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger.js';
import { AuthGate, bearerToken } from './auth.js';
import type { AccessReviewer, TokenReviewer } from './ports.js';

describe('bearerToken', () => {
  it.each([
    ['a Bearer header', 'Bearer abc.def', 'abc.def'],
    ['the scheme in any case', 'bearer abc', 'abc'],
    ['no header', undefined, undefined],
    ['another scheme', 'Basic dXNlcjpwdw==', undefined],
    ['an empty token', 'Bearer ', undefined],
    ['two words after Bearer', 'Bearer a b', undefined],
  ])('%s', (_name, header, want) => {
    expect(bearerToken(header)).toBe(want);
  });
});

const alice = { username: 'alice', groups: ['ops'] };
const tokens = (answers: Record<string, boolean>, calls: string[] = []): TokenReviewer => ({
  reviewToken: async (token) => {
    calls.push(token);
    return answers[token] ? { authenticated: true, user: alice } : { authenticated: false };
  },
});
const allow = (allowed: boolean): AccessReviewer => ({ reviewAccess: async () => ({ allowed }) });
const failing = { reviewToken: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:6443')) };
const attributes = { resource: { group: 'driftline.dev', resource: 'driftprofiles', verb: 'correct' } };

describe('AuthGate', () => {
  it('returns the reviewed user of a valid token', async () => {
    const gate = new AuthGate(
      { mode: 'kube', tokens: tokens({ good: true }), access: allow(true) },
      silentLogger(),
    );
    await expect(gate.authenticate({ authorization: 'Bearer good' })).resolves.toEqual(alice);
  });

  it.each([
    ['no token', {}],
    ['an invalid token', { authorization: 'Bearer bad' }],
  ])('refuses %s with auth.unauthenticated', async (_name, headers) => {
    const gate = new AuthGate({ mode: 'kube', tokens: tokens({}), access: allow(true) }, silentLogger());
    await expect(gate.authenticate(headers)).rejects.toMatchObject({
      code: 'auth.unauthenticated',
      status: 401,
    });
  });

  it('asks once per token within the TTL, for valid and invalid tokens alike', async () => {
    const calls: string[] = [];
    const gate = new AuthGate(
      { mode: 'kube', tokens: tokens({ good: true }, calls), access: allow(true) },
      silentLogger(),
    );
    for (const t of ['good', 'good', 'bad', 'bad'])
      await gate.authenticate({ authorization: `Bearer ${t}` }).catch(() => {});
    expect(calls).toEqual(['good', 'bad']);
  });

  it('answers 503 without the cause when TokenReview fails', async () => {
    const gate = new AuthGate({ mode: 'kube', tokens: failing, access: allow(true) }, silentLogger());
    const err = await gate.authenticate({ authorization: 'Bearer good' }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'auth.unavailable', status: 503 });
    expect((err as Error).message).not.toContain('10.0.0.1');
  });

  it('asks once per user and action within the TTL', async () => {
    const asked: string[] = [];
    const access: AccessReviewer = {
      reviewAccess: async (user, attrs) => {
        asked.push(`${user.username} ${JSON.stringify(attrs)}`);
        return { allowed: true };
      },
    };
    const gate = new AuthGate({ mode: 'kube', tokens: tokens({}), access }, silentLogger());
    const other = { resource: { ...attributes.resource, verb: 'accept' } };
    for (const [u, a] of [
      [alice, attributes],
      [alice, attributes],
      [alice, other],
      [{ username: 'eve' }, attributes],
    ] as const)
      await gate.authorize(u, a);
    expect(asked).toHaveLength(3);
  });

  it('refuses a denied review with auth.forbidden naming the user and action', async () => {
    const gate = new AuthGate({ mode: 'kube', tokens: tokens({}), access: allow(false) }, silentLogger());
    await expect(gate.authorize(alice, attributes)).rejects.toMatchObject({
      code: 'auth.forbidden',
      message: 'user "alice" may not correct driftprofiles.driftline.dev',
    });
  });

  it('lets every local request through with --no-auth', async () => {
    const gate = new AuthGate({ mode: 'none' }, silentLogger());
    await expect(gate.authenticate({ host: '127.0.0.1:8080' })).resolves.toBeUndefined();
    await expect(gate.authorize(undefined, attributes)).resolves.toBeUndefined();
  });

  it('refuses a cross-origin request with --no-auth', async () => {
    const gate = new AuthGate({ mode: 'none' }, silentLogger());
    const headers = { host: '127.0.0.1:8080', origin: 'https://evil.example' };
    await expect(gate.authenticate(headers)).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
  });
});
