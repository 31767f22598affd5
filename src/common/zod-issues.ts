/** Zod validation issues as one-line problems naming the file and the field (`file: a.b[0].c: message`). */
import type { z } from 'zod';

/** At most this many problems are listed; the rest are counted, so a wrong file cannot flood the terminal. */
const MAX_ISSUES = 10;

/** A field path in the notation users read in docs: `clusters[0].ghosts[1].remediation`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** One line per issue, `<file>: <field>: <what is wrong>`, lower-case, a missing field said so. */
export function issueLines(error: z.ZodError, file: string): string[] {
  const lines = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    // zod says "Invalid input: expected string, received undefined"; users read "missing".
    const message = issue.message.replace(/^Invalid (input|option): /, '');
    const what = /, received undefined$/.test(message)
      ? `missing (${message.replace(/, received undefined$/, '')})`
      : lowerFirst(message);
    return `${file}: ${fieldPath(issue.path)}: ${what}`;
  });
  const more = error.issues.length - MAX_ISSUES;
  if (more > 0) lines.push(`${file}: ${more} more problem(s)`);
  return lines;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
