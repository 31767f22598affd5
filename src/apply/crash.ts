/** Simulated crashes for tests of resumability: after N writes the journal stops and the run throws. */
import { ApplyError } from './errors.js';

/** Something that can be made to stop writing, as a killed process would (a journal). */
export interface Abandonable {
  abandon(): void;
}

/**
 * A counter called after each write of one kind; once `limit` writes were made it abandons the
 * journal (nothing more is written, as after `kill -9`) and throws apply.injected-failure.
 * Without a limit it never fires.
 */
export function crashAfter(journal: Abandonable, limit: number | undefined, what: string): () => void {
  let count = 0;
  return () => {
    count++;
    if (limit === undefined || count < limit) return;
    journal.abandon();
    throw new ApplyError('apply.injected-failure', `injected failure after ${count} objects were ${what}`);
  };
}
