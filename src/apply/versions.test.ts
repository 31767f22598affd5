/** The one version rule restore and move share. */
import { describe, expect, it } from 'vitest';
import { pickVersion } from './versions.js';

const held = (...vs: string[]) => vs.map((v, i) => ({ version: v, preferred: i === 0 }));

describe('choosing the version to write', () => {
  it.each([
    [
      "the target's preferred version when it is held",
      held('v1beta1', 'v1beta2'),
      ['v1beta1', 'v1beta2'],
      'v1beta2',
      'v1beta2',
    ],
    [
      "the source's preferred when the target's preferred is not held",
      held('v1beta1'),
      ['v1beta1', 'v1beta2'],
      'v1beta2',
      'v1beta1',
    ],
    [
      'any common version otherwise',
      held('v1alpha4', 'v1beta1'),
      ['v1beta1', 'v1beta2'],
      'v1beta2',
      'v1beta1',
    ],
    ['nothing when no version is common', held('v1alpha3'), ['v1beta1'], 'v1beta1', undefined],
  ])('%s', (_, h, versions, preferred, expected) => {
    expect(pickVersion(h, { versions, preferred })).toBe(expected);
  });
});
