/** What every phase of a running move shares: both clusters, the journal, the plan, knobs for tests. */

import type { ResourceRef } from '../adapters/kube/interfaces.js';
import type { JournalPhase } from '../apply/index.js';
import { describeError } from '../common/errors.js';
import { CAPI_TYPES } from '../model/capi-names.js';
import { findKind } from '../restore/target.js';
import { MoveError } from './errors.js';
import type { MoveJournal } from './journal.js';
import type { FoundObject } from './preflight.js';
import type { MoveJournalState, MovePlan, MoveProgress, MoveSource, MoveTarget } from './types.js';

/** The state of one run of a move. */
export interface RunContext {
  name: string;
  source: MoveSource;
  target: MoveTarget;
  journal: MoveJournal;
  /** Known until source deletion starts (resumed runs read it back from the source). */
  plan?: MovePlan;
  /** Objects the preflight found in the target. */
  found: Map<string, FoundObject>;
  /** Namespaces the preflight found missing in the target. */
  missingNamespaces: string[];
  concurrency: number;
  /** Crash (abandon the journal and throw) after this many objects are created (tests). */
  failAfter?: number;
  /** Crash after this many source objects are deleted (tests). */
  failAfterDeletes?: number;
  warnings: string[];
  onProgress?: (p: MoveProgress) => void;
  log(line: string): void;
}

/** Changes the journal state (and optionally the phase) and flushes it. */
export async function saveState(
  ctx: RunContext,
  change: Partial<MoveJournalState>,
  phase?: JournalPhase,
): Promise<void> {
  try {
    await ctx.journal.update({ state: { ...ctx.journal.state, ...change }, ...(phase && { phase }) });
  } catch (err) {
    throw journalError(ctx, err);
  }
}

/** Wraps a failed journal write. */
export function journalError(ctx: RunContext, err: unknown): MoveError {
  return new MoveError(
    'move.journal',
    `cannot write the journal ${ctx.journal.location}: ${describeError(err)}`,
    {
      cause: err,
    },
  );
}

/** The Cluster API Cluster resource a cluster serves, or a clear error. */
export async function clusterResource(client: MoveSource | MoveTarget, where: string): Promise<ResourceRef> {
  const api = findKind(
    (await client.discover()).resources,
    CAPI_TYPES.cluster.group,
    CAPI_TYPES.cluster.kind,
  );
  if (!api) throw new MoveError('move.failed', `the ${where} cluster does not serve cluster api clusters`);
  return api;
}

/** Splits `namespace/name`. */
export function splitName(nsName: string): [string, string] {
  const slash = nsName.indexOf('/');
  return [nsName.slice(0, slash), nsName.slice(slash + 1)];
}
