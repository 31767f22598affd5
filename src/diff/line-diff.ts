/** A line diff (Myers' O(ND) algorithm) and unified-diff hunks, without dependencies (pure). */

/** One line of an edit script: kept (' '), removed ('-') or added ('+'). */
export interface LineEdit {
  op: ' ' | '-' | '+';
  line: string;
}

/** Options for {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  fromLabel?: string;
  toLabel?: string;
  /** Unchanged lines around each change (default 3, as `diff -u`). */
  context?: number;
}

/** The shortest edit script turning `a` into `b`. Common head and tail are trimmed first. */
export function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const keep = (line: string): LineEdit => ({ op: ' ', line });
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...a.slice(0, head).map(keep), ...middle, ...a.slice(a.length - tail).map(keep)];
}

/** Beyond this many differences the script degrades to "remove all, add all" to bound memory (O(D²)). */
export const MAX_EDIT_DISTANCE = 2000;

// Myers' greedy forward search. Before step d it snapshots V for diagonals -d..d (2d+1 values),
// which is all the backtrack needs.
function myers(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[]): LineEdit[] {
  const edits: LineEdit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d]!;
    const at = (k: number): number => snap[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: ' ', line: a[x]! });
    }
    if (d === 0) break;
    if (down) edits.push({ op: '+', line: b[--y]! });
    else edits.push({ op: '-', line: a[--x]! });
  }
  return edits.reverse();
}

/** Renders a unified diff (`--- / +++ / @@` hunks) of two texts; `''` when they are equal. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions = {}): string {
  const edits = diffLines(splitLines(from), splitLines(to));
  if (edits.every((e) => e.op === ' ')) return '';
  const hunks = toHunks(edits, options.context ?? 3);
  return `--- ${options.fromLabel ?? 'a'}\n+++ ${options.toLabel ?? 'b'}\n${hunks.join('')}`;
}

function toHunks(edits: LineEdit[], context: number): string[] {
  const changed = edits.flatMap((e, i) => (e.op === ' ' ? [] : [i]));
  const hunks: string[] = [];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context) end++;
    const first = Math.max(0, changed[start]! - context);
    const last = Math.min(edits.length - 1, changed[end]! + context);
    hunks.push(renderHunk(edits, first, last));
    start = end + 1;
  }
  return hunks;
}

function renderHunk(edits: LineEdit[], first: number, last: number): string {
  const before = edits.slice(0, first);
  const oldStart = before.filter((e) => e.op !== '+').length;
  const newStart = before.filter((e) => e.op !== '-').length;
  const body = edits.slice(first, last + 1);
  const oldCount = body.filter((e) => e.op !== '+').length;
  const newCount = body.filter((e) => e.op !== '-').length;
  const range = (start: number, count: number): string =>
    count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`;
  const lines = body.map((e) => `${e.op}${e.line}\n`).join('');
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
