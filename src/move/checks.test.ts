/** Tests of the source-side preflight: clusters paused by someone else or by an unfinished move, objects being deleted. */
import { describe, expect, it } from 'vitest';
import { type SrcOptions, src } from '../../test/support/move/objects.js';
import { pausedBy } from '../model/capi-pause.js';
import { sourceProblems } from './checks.js';
import { discoverGraph } from './graph.js';

describe('how a cluster is paused', () => {
  it.each<[string, SrcOptions['spec'], Record<string, string> | undefined, string | undefined]>([
    ['not paused', { paused: false }, undefined, undefined],
    ['spec.paused', { paused: true }, undefined, 'spec.paused: true'],
    ['the paused annotation', {}, { 'cluster.x-k8s.io/paused': '' }, 'annotation cluster.x-k8s.io/paused'],
  ])('%s', (_name, spec, annotations, expected) => {
    expect(pausedBy({ spec, metadata: { ...(annotations && { annotations }) } })).toBe(expected);
  });
});

describe('source problems', () => {
  const problems = (options: SrcOptions, unfinished = [] as Parameters<typeof sourceProblems>[1]) =>
    sourceProblems(discoverGraph([src('Cluster', 'prod', options)], new Set(['ns/prod'])), unfinished).map(
      (p) => p.message,
    );

  it.each<[string, SrcOptions, string[]]>([
    ['none for an active cluster', { spec: { paused: false } }, []],
    [
      'a cluster paused by someone else',
      { spec: { paused: true } },
      [
        'Cluster ns/prod is already paused in the source (spec.paused: true) by someone else: unpause it first, or leave it out with --cluster',
      ],
    ],
    [
      'a cluster being deleted',
      {
        extra: {
          metadata: { name: 'prod', namespace: 'ns', uid: 'u', deletionTimestamp: '2025-01-01T00:00:00Z' },
        },
      },
      ['Cluster ns/prod is being deleted in the source'],
    ],
  ])('%s', (_name, options, expected) => {
    expect(problems(options)).toEqual(expected);
  });

  it('sends a cluster of an unfinished move to --resume or --rollback instead', () => {
    expect(
      problems({ spec: { paused: true } }, [{ name: 'm1', step: 'creating', clusters: ['ns/prod'] }]),
    ).toEqual([
      'Cluster ns/prod is part of unfinished move m1 (step creating): run driftline move --resume or --rollback --name m1',
    ]);
  });
});
