import { describe, expect, it } from 'vitest';
import { continueTokenIn } from './list-head.js';

describe('continue token from the head of a LIST response', () => {
  it.each<[string, string, string | undefined]>([
    [
      'a built-in list (metadata before items)',
      '{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"eyJ2Ijoi\\u003d"},"items":[{"metadata"',
      'eyJ2Ijoi=',
    ],
    [
      'the last page (no continue field)',
      '{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"42"},"items":[',
      undefined,
    ],
    [
      'an empty continue field',
      '{"kind":"SecretList","apiVersion":"v1","metadata":{"continue":""},"items":[]}',
      undefined,
    ],
    [
      'a custom resource list (metadata after items)',
      '{"apiVersion":"cluster.x-k8s.io/v1beta1","items":[{"metadata":{"continue":"not-it"}}],"kind":"ClusterList","metadata":{"continue":"x"}}',
      undefined,
    ],
    [
      'a head cut before items',
      '{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"continue":"abc"',
      undefined,
    ],
    ['not JSON', 'Too many requests', undefined],
  ])('%s', (_name, head, token) => {
    expect(continueTokenIn(head)).toBe(token);
  });
});
