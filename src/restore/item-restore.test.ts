/** Tests of which Cluster writes count as paused by the restore, including in a resumed run's journal. */
import { describe, expect, it } from 'vitest';
import { obj } from '../../test/support/restore/items.js';
import { errorFromStatus } from '../adapters/kube/errors.js';
import type { KubeObject } from '../model/resource-key.js';
import { type ItemContext, restoreItem } from './item-restore.js';
import { RESTORE_JOURNAL, type RestoreEntry } from './journal-kind.js';
import { OwnerLookup } from './owner-lookup.js';
import { UidMap } from './owners.js';
import type { RestoreTarget } from './target.js';
import type { ExistingResourcePolicy, PlannedObject } from './types.js';

/** A Cluster the restore writes paused (it was not paused in the backup). */
function plannedCluster(): PlannedObject {
  const object = obj('cluster.x-k8s.io/v1beta1', 'Cluster', 'fleet', 'wc1', {
    spec: { paused: true, controlPlaneEndpoint: { host: '10.0.0.1', port: 6443 } },
  });
  return {
    id: 'cluster.x-k8s.io/Cluster/fleet/wc1',
    source: {
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      kind: 'Cluster',
      namespace: 'fleet',
      name: 'wc1',
    },
    target: {
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      kind: 'Cluster',
      namespace: 'fleet',
      name: 'wc1',
    },
    resource: {
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      resource: 'clusters',
      kind: 'Cluster',
      namespaced: true,
    },
    object,
    owners: [],
    pausedByRestore: true,
  };
}

const live = (spec: Record<string, unknown>): KubeObject =>
  obj('cluster.x-k8s.io/v1beta1', 'Cluster', 'fleet', 'wc1', { metadata: { name: 'wc1', uid: 'u1' }, spec });

/** An entry an interrupted run journaled, read back from its stored text. */
function stored(text: string): RestoreEntry {
  return { id: 'x', newUid: 'u1', result: RESTORE_JOURNAL.decodeResult(text)! };
}

/** Creates succeed unless the cluster already exists (`existing`); apply answers with the desired object. */
function context(options: { existing?: KubeObject; policy?: ExistingResourcePolicy; entry?: RestoreEntry }): {
  ctx: ItemContext;
  recorded: RestoreEntry[];
} {
  const recorded: RestoreEntry[] = [];
  const target = {
    server: 'https://fake',
    create: async (_: unknown, o: KubeObject) => {
      if (options.existing) throw errorFromStatus(409, { kind: 'Status', message: 'exists' }, 'create');
      return { ...o, metadata: { ...o.metadata, uid: 'new' } };
    },
    get: async () => options.existing,
    apply: async (_: unknown, o: KubeObject) => ({ ...o, metadata: { ...o.metadata, uid: 'u1' } }),
  } as unknown as RestoreTarget;
  const journal = {
    get: () => options.entry,
    record: async (e: RestoreEntry) => void recorded.push(e),
    location: 'memory',
  };
  const uids = new UidMap();
  const ctx: ItemContext = {
    target,
    restoreLabel: 'r2',
    policy: options.policy ?? 'none',
    uids,
    owners: new OwnerLookup(target, uids),
    journal,
    afterWrite: () => undefined,
  };
  return { ctx, recorded };
}

describe('a Cluster the restore writes', () => {
  it.each<[string, Parameters<typeof context>[0], string, boolean, string | undefined]>([
    ['is paused by the restore when created paused', {}, 'created', true, 'created,paused'],
    [
      'is not paused by the restore when it exists and is skipped, paused or not',
      { existing: live({ paused: true }) },
      'skipped',
      false,
      'skipped',
    ],
    [
      'is paused by the restore when updated from unpaused to paused',
      { existing: live({ paused: false }), policy: 'update' },
      'updated',
      true,
      'updated,paused',
    ],
    [
      'is not paused by the restore when updated while already paused (an operator’s hold)',
      { existing: live({ paused: true }), policy: 'update' },
      'updated',
      false,
      'updated',
    ],
    [
      'keeps the pause an interrupted run journaled for an update',
      { entry: stored('updated,paused') },
      'updated',
      true,
      undefined,
    ],
    [
      'is not paused by the restore when an interrupted run journaled a plain update',
      { entry: stored('updated') },
      'updated',
      false,
      undefined,
    ],
    [
      'is paused by the restore when an interrupted run journaled its creation',
      { entry: stored('created') },
      'created',
      true,
      undefined,
    ],
  ])('%s', async (_, options, action, paused, journaled) => {
    const { ctx, recorded } = context(options);
    const result = await restoreItem(plannedCluster(), ctx);
    expect(result.action).toBe(action);
    expect(Boolean(result.paused)).toBe(paused);
    // What is journaled, in the text the journal stores.
    expect(recorded.map((e) => RESTORE_JOURNAL.encodeResult(e.result))).toEqual(
      journaled === undefined ? [] : [journaled],
    );
  });
});
