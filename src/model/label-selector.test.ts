import { describe, expect, it } from 'vitest';
import { fromLabelSelectorObject, matchesLabelSelector, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  it.each([
    ['env=prod', { env: 'prod' }, true],
    ['env=prod', { env: 'dev' }, false],
    ['env==prod,tier', { env: 'prod', tier: 'x' }, true],
    ['env!=prod', {}, true],
    ['env in (prod, staging),!legacy', { env: 'staging' }, true],
    ['env in (prod, staging),!legacy', { env: 'staging', legacy: '1' }, false],
    ['env notin (prod)', { env: 'dev' }, true],
    ['cluster.x-k8s.io/cluster-name', { 'cluster.x-k8s.io/cluster-name': 'wc1' }, true],
  ])('%s matches %j: %s', (text, labels, expected) => {
    expect(matchesLabelSelector(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('rejects nonsense with the offending part', () => {
    expect(() => parseLabelSelector('env=prod,=oops')).toThrow(/near "=oops"/);
  });

  it('converts matchLabels and matchExpressions', () => {
    const sel = fromLabelSelectorObject({
      matchLabels: { env: 'prod' },
      matchExpressions: [{ key: 'gpu', operator: 'Exists' }],
    });
    expect(matchesLabelSelector(sel, { env: 'prod', gpu: 'yes' })).toBe(true);
    expect(matchesLabelSelector(sel, { env: 'prod' })).toBe(false);
  });
});
