import { describe, expect, it } from 'vitest';
import { matchPattern, matchRoute, Router } from './router.js';

const ok = () => ({ json: {} });

describe('matchPattern', () => {
  it.each([
    ['a literal path matches itself', '/api/v1/version', '/api/v1/version', {}],
    ['a trailing slash is ignored', '/healthz', '/healthz/', {}],
    [
      'parameters are captured',
      '/clusters/:c/profiles/:p',
      '/clusters/wc1/profiles/web',
      { c: 'wc1', p: 'web' },
    ],
    ['parameters are percent-decoded', '/clusters/:c', '/clusters/a%20b', { c: 'a b' }],
    ['a different literal does not match', '/api/v1/version', '/api/v1/versions', undefined],
    ['a longer path does not match', '/clusters/:c', '/clusters/wc1/extra', undefined],
    ['a malformed escape does not match', '/clusters/:c', '/clusters/%zz', undefined],
  ])('%s', (_name, pattern, path, want) => {
    expect(matchPattern(pattern, path)).toEqual(want);
  });
});

describe('Router', () => {
  const child = new Router()
    .get('/version', { resource: 'fleet', verb: 'get' }, ok)
    .post('/clusters/:cluster/profiles/:profile/correct', { resource: 'driftprofiles', verb: 'correct' }, ok);
  const routes = new Router().route('/api/v1', child).routes();

  it('mounts a child router under its prefix', () => {
    expect(routes.map((r) => `${r.method} ${r.pattern}`)).toEqual([
      'GET /api/v1/version',
      'POST /api/v1/clusters/:cluster/profiles/:profile/correct',
    ]);
  });

  it('keeps each route its access rule when mounted', () => {
    expect(routes[1]!.access).toEqual({ resource: 'driftprofiles', verb: 'correct' });
  });

  it.each([
    ['a known route', 'GET', '/api/v1/version', 'found'],
    ['a known path under another method', 'POST', '/api/v1/version', 'wrong-method'],
    ['an unknown path', 'GET', '/api/v2/version', 'not-found'],
  ])('matches %s', (_name, method, path, kind) => {
    expect(matchRoute(routes, method, path).kind).toBe(kind);
  });

  it('lists the methods a path accepts', () => {
    expect(matchRoute(routes, 'GET', '/api/v1/clusters/a/profiles/b/correct')).toEqual({
      kind: 'wrong-method',
      allowed: ['POST'],
    });
  });
});
