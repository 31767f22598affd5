/** The engine's write primitives: create (retried), adopt on conflict, update by policy, status, delete with preconditions. */
import type { Deleter, Getter, Patcher, ResourceRef } from '../adapters/kube/interfaces.js';
import { describeError, hasCode } from '../common/errors.js';
import type { FieldChange } from '../diff/index.js';
import { describeKey, type KubeObject } from '../model/resource-key.js';
import { FIELD_MANAGER } from '../model/vocabulary.js';
import { statusMatches, writeDifferences } from './compare.js';
import { ApplyError } from './errors.js';
import type { ApplyItem, ApplyTarget } from './ports.js';

/**
 * What to do with an object that exists and was not written by this operation:
 * `skip` leaves it (its differences are reported), `update` server-side applies the desired
 * object, `require-identical` accepts it only when nothing differs (a move must not overwrite).
 */
export type ExistingPolicy = 'skip' | 'update' | 'require-identical';

/** The rules of one operation's writes. */
export interface WriteRules {
  /** True when `live` carries this operation's marker: an interrupted earlier run wrote it. */
  ours(live: KubeObject): boolean;
  existing: ExistingPolicy;
  /** Marker labels that are not differences (they are the operation's own). */
  markerLabels: readonly string[];
  /** Called after each object write; throws to simulate a crash right there (tests). */
  afterWrite(): void;
  /** Pause before retrying a failed create (default 250 ms, ×4 per attempt). */
  retryDelayMs?: number;
}

/** What writing one item did. */
export interface WriteOutcome {
  /** created; adopted (ours, from an interrupted run); identical; skipped (differs, left); updated. */
  action: 'created' | 'adopted' | 'identical' | 'skipped' | 'updated';
  object: KubeObject;
  /** The object as found before this write, when it existed. */
  before?: KubeObject;
  changes?: FieldChange[];
  warnings: string[];
}

const RETRYABLE = ['kube.unreachable', 'kube.timeout', 'kube.too-many-requests', 'kube.server'];

/** Creates `item`, or decides by `rules` what to do with the object already there; restores status. */
export async function writeItem(
  target: ApplyTarget,
  item: ApplyItem,
  rules: WriteRules,
): Promise<WriteOutcome> {
  let created: KubeObject;
  try {
    created = await createWithRetry(target, item.ref, item.object, rules.retryDelayMs);
  } catch (err) {
    if (!hasCode(err, 'kube.conflict')) throw err;
    return writeExisting(target, item, rules);
  }
  rules.afterWrite();
  return { action: 'created', object: created, warnings: await writeStatus(target, item, created) };
}

/** What to do with an object found in place of one being created (pure, so a dry run decides alike). */
export type ExistingDecision =
  | { action: 'adopted' | 'identical' }
  | { action: 'skipped' | 'updated' | 'refused'; changes: FieldChange[] };

/** Decides by `rules` what happens to `live`, found where `desired` was to be created. */
export function decideExisting(
  desired: KubeObject,
  live: KubeObject,
  rules: Pick<WriteRules, 'ours' | 'existing' | 'markerLabels'>,
): ExistingDecision {
  if (rules.ours(live)) return { action: 'adopted' };
  const changes = writeDifferences(desired, live, rules.markerLabels);
  if (changes.length === 0) return { action: 'identical' };
  if (rules.existing === 'require-identical') return { action: 'refused', changes };
  return { action: rules.existing === 'skip' ? 'skipped' : 'updated', changes };
}

async function writeExisting(target: ApplyTarget, item: ApplyItem, rules: WriteRules): Promise<WriteOutcome> {
  const live = await target.get(item.ref, item.namespace, item.name);
  if (!live)
    throw new ApplyError('apply.unreadable', `${what(item)} exists in the target but cannot be read`);
  const decision = decideExisting(item.object, live, rules);
  switch (decision.action) {
    case 'adopted': {
      const missing = item.status !== undefined && !statusMatches(item.status, live);
      return {
        action: 'adopted',
        object: live,
        warnings: missing ? await writeStatus(target, item, live) : [],
      };
    }
    case 'identical':
      return { action: 'identical', object: live, before: live, warnings: [] };
    case 'refused':
      throw new ApplyError(
        'apply.exists-different',
        `${what(item)} already exists in the target and differs at ${decision.changes.map((c) => c.path).join(', ')}`,
      );
    case 'skipped':
      return { action: 'skipped', object: live, before: live, changes: decision.changes, warnings: [] };
    case 'updated': {
      const applied = await target.apply(item.ref, item.object, {
        fieldManager: FIELD_MANAGER,
        force: true,
      });
      rules.afterWrite();
      const warnings = await writeStatus(target, item, applied);
      return { action: 'updated', object: applied, before: live, changes: decision.changes, warnings };
    }
  }
}

// Creates are not idempotent, so the transport does not retry them; a retried create that had in
// fact succeeded comes back as a conflict and is adopted through the operation's marker.
async function createWithRetry(
  target: ApplyTarget,
  ref: ResourceRef,
  object: KubeObject,
  delayMs = 250,
): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.create(ref, object);
    } catch (err) {
      if (attempt >= 3 || !hasCode(err, ...RETRYABLE)) throw err;
      await new Promise((r) => setTimeout(r, delayMs * 4 ** (attempt - 1)));
    }
  }
}

/**
 * Writes `item.status` through the status subresource (kinds without one take it in the main
 * resource, like clusterctl). A failure is a warning: the object itself is there.
 */
export async function writeStatus(target: ApplyTarget, item: ApplyItem, live: KubeObject): Promise<string[]> {
  if (!item.status) return [];
  try {
    try {
      await target.replaceStatus(item.ref, { ...live, status: item.status });
    } catch (err) {
      if (!hasCode(err, 'kube.not-found')) throw err;
      await target.patch(item.ref, item.namespace, item.name, { status: item.status }, 'merge');
    }
    return [];
  } catch (err) {
    return [`status not restored: ${describeError(err)}`];
  }
}

/** What deleting did: deleted now, already gone, or left because it is no longer the object meant. */
export type DeleteResult = 'deleted' | 'gone' | 'replaced';

/**
 * Deletes the object only while it is the one meant (`uid`, checked by the server as a
 * precondition, so a replacement created in between is never deleted). With `keepFinalizers`,
 * every other finalizer is removed first (a copy's finalizers that no controller here should run).
 */
export async function deleteExact(
  target: Getter & Patcher & Deleter,
  ref: ResourceRef,
  key: { namespace: string; name: string; uid?: string },
  options: { propagationPolicy: 'Orphan' | 'Background'; keepFinalizers?: readonly string[] },
): Promise<DeleteResult> {
  const live = await target.get(ref, key.namespace, key.name);
  if (!live) return 'gone';
  if (key.uid && live.metadata.uid !== key.uid) return 'replaced';
  const finalizers = live.metadata.finalizers ?? [];
  const kept = finalizers.filter((f) => options.keepFinalizers?.includes(f) ?? true);
  if (kept.length !== finalizers.length) {
    const value = kept.length > 0 ? kept : null;
    await target.patch(ref, key.namespace, key.name, { metadata: { finalizers: value } }, 'merge');
  }
  if (live.metadata.deletionTimestamp) return 'gone';
  try {
    const deleted = await target.delete(ref, key.namespace, key.name, {
      propagationPolicy: options.propagationPolicy,
      ...(key.uid && { preconditions: { uid: key.uid } }),
    });
    return deleted ? 'deleted' : 'gone';
  } catch (err) {
    if (hasCode(err, 'kube.conflict')) return 'replaced';
    throw err;
  }
}

function what(item: ApplyItem): string {
  return describeKey({ kind: item.object.kind, namespace: item.namespace, name: item.name });
}
