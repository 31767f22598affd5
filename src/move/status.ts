/** `move --status`: where each move recorded in the target stands, from its journal (reads only). */
import { mapLimit } from '../common/concurrency.js';
import { MoveError } from './errors.js';
import { listMoveHeaders, loadMove, reportFrom } from './journal.js';
import type { MoveReport, MoveTarget } from './types.js';

/** The report of move `name`, or of every move in the target (newest first). */
export async function moveStatus(target: MoveTarget, name?: string): Promise<MoveReport[]> {
  const names = name ? [name] : (await listMoveHeaders(target)).map((h) => h.name);
  const reports = await mapLimit(names, 4, async (n) => {
    const loaded = await loadMove(target, n);
    if (!loaded) throw new MoveError('move.not-found', `there is no move ${n} in ${target.server}`);
    return reportFrom(loaded.header, loaded.entries, loaded.location);
  });
  return reports;
}
