import { describe, expect, it } from 'vitest';
import { parseClusterLabels } from './options.js';

describe('parseClusterLabels', () => {
  it('groups CONTEXT:KEY=VALUE entries by context', () => {
    expect(
      parseClusterLabels(['kind-a:env=prod', 'kind-a:tier=gold', 'kind-b:env=dev', 'kind-b:note=a=b']),
    ).toEqual({
      'kind-a': { env: 'prod', tier: 'gold' },
      'kind-b': { env: 'dev', note: 'a=b' },
    });
  });

  it.each([['env=prod'], ['kind-a:env'], [':env=prod']])('rejects %s with the expected form', (entry) => {
    expect(() => parseClusterLabels([entry])).toThrow(/expected CONTEXT:KEY=VALUE/);
  });
});
