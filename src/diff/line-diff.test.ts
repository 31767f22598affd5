import { describe, expect, it } from 'vitest';
import { diffLines, MAX_EDIT_DISTANCE, unifiedDiff } from './line-diff.js';

const lines = (s: string): string[] => (s ? s.split('') : []);
const apply = (edits: ReturnType<typeof diffLines>): [string, string] => [
  edits
    .filter((e) => e.op !== '+')
    .map((e) => e.line)
    .join(''),
  edits
    .filter((e) => e.op !== '-')
    .map((e) => e.line)
    .join(''),
];

describe('diffLines', () => {
  const cases: [string, string, string, number][] = [
    ['finds nothing to do for equal input', 'abc', 'abc', 0],
    ['adds everything to an empty input', '', 'abc', 3],
    ['removes everything to reach an empty output', 'abc', '', 3],
    ['finds a single substitution', 'abc', 'axc', 2],
    ["finds Myers' classic example's shortest script", 'abcabba', 'cbabac', 5],
    ['handles an insertion in the middle', 'abcd', 'abXcd', 1],
  ];
  it.each(cases)('%s', (_name, a, b, distance) => {
    const edits = diffLines(lines(a), lines(b));
    expect(apply(edits)).toEqual([a, b]);
    expect(edits.filter((e) => e.op !== ' ')).toHaveLength(distance);
  });

  it('degrades to remove-all/add-all beyond the maximum edit distance, still correctly', () => {
    const a = Array.from({ length: MAX_EDIT_DISTANCE + 10 }, (_, i) => `a${i}`);
    const b = Array.from({ length: MAX_EDIT_DISTANCE + 10 }, (_, i) => `b${i}`);
    const edits = diffLines(a, b);
    expect(edits.filter((e) => e.op === '-').map((e) => e.line)).toEqual(a);
    expect(edits.filter((e) => e.op === '+').map((e) => e.line)).toEqual(b);
  });
});

describe('unifiedDiff', () => {
  it('renders nothing for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('renders hunks with three lines of context, like diff -u', () => {
    const a = `${Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n')}\n`;
    const b = a.replace('l1\n', 'L1\n').replace('l9\n', 'l9\nextra\n');
    expect(unifiedDiff(a, b, { fromLabel: 'x', toLabel: 'y' })).toBe(
      [
        '--- x',
        '+++ y',
        '@@ -1,5 +1,5 @@',
        ' l0',
        '-l1',
        '+L1',
        ' l2',
        ' l3',
        ' l4',
        '@@ -8,3 +8,4 @@',
        ' l7',
        ' l8',
        ' l9',
        '+extra',
        '',
      ].join('\n'),
    );
  });

  it('renders an added file from line zero', () => {
    expect(unifiedDiff('', 'a\nb\n')).toBe('--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
});
