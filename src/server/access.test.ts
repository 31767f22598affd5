import { describe, expect, it } from 'vitest';
import { type AccessRule, accessAttributes, describeAccess, isMutating } from './access.js';

describe('accessAttributes', () => {
  it.each<[string, AccessRule, Record<string, string>, unknown]>([
    ['a public route needs no review', { public: true }, {}, undefined],
    [
      'a non-resource URL is reviewed as one',
      { nonResourcePath: '/metrics', verb: 'get' },
      {},
      { nonResource: { path: '/metrics', verb: 'get' } },
    ],
    [
      'a resource route is reviewed in driftline.dev',
      { resource: 'fleet', verb: 'get' },
      {},
      { resource: { group: 'driftline.dev', resource: 'fleet', verb: 'get' } },
    ],
    [
      'the name parameter becomes the resource name',
      { resource: 'driftprofiles', verb: 'correct', nameParam: 'profile' },
      { cluster: 'wc1', profile: 'web' },
      { resource: { group: 'driftline.dev', resource: 'driftprofiles', verb: 'correct', name: 'web' } },
    ],
  ])('%s', (_name, rule, params, want) => {
    expect(accessAttributes(rule, params)).toEqual(want);
  });
});

describe('isMutating', () => {
  it.each<[AccessRule, boolean]>([
    [{ resource: 'fleet', verb: 'get' }, false],
    [{ resource: 'driftprofiles', verb: 'list' }, false],
    [{ resource: 'driftprofiles', verb: 'correct' }, true],
    [{ resource: 'driftprofiles', verb: 'accept' }, true],
    [{ resource: 'backups', verb: 'create' }, true],
    [{ public: true }, false],
  ])('%j is mutating: %s', (rule, want) => {
    expect(isMutating(rule)).toBe(want);
  });
});

describe('describeAccess', () => {
  it('names verb, resource.group and name like a Kubernetes forbidden message', () => {
    expect(
      describeAccess({
        resource: { group: 'driftline.dev', resource: 'driftprofiles', verb: 'correct', name: 'web' },
      }),
    ).toBe('correct driftprofiles.driftline.dev/web');
    expect(describeAccess({ nonResource: { path: '/metrics', verb: 'get' } })).toBe('get /metrics');
  });
});
