/** Unpauses Cluster API Clusters (spec.paused and the paused annotation) and optionally waits until they are ready. */

import type { ApiResource } from '../adapters/kube/discovery.js';
import { setPaused } from '../apply/index.js';
import { mapLimit } from '../common/concurrency.js';
import { describeWithCode } from '../common/errors.js';
import { CAPI_TYPES } from '../model/capi-names.js';
import { isPaused } from '../model/capi-pause.js';
import type { KubeObject } from '../model/resource-key.js';
import { readAnnotation } from '../model/vocabulary.js';
import { clusterReadiness, type Readiness } from './cluster-status.js';
import { RestoreError } from './errors.js';
import { findKind, type RestoreTarget } from './target.js';
import { PAUSED_IN_BACKUP_ANNOTATION } from './transforms/index.js';

/** Which clusters to unpause and whether to wait. */
export interface UnpauseRequest {
  /** `name` or `namespace/name`. */
  clusters?: string[];
  /** Every paused cluster (in `namespace`, else everywhere), except those already paused in their backup. */
  all?: boolean;
  namespace?: string;
  wait?: boolean;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Default 2 s. */
  pollMs?: number;
}

/** What happened to one cluster. */
export interface ClusterUnpause {
  namespace: string;
  name: string;
  result: 'unpaused' | 'not-paused' | 'kept-paused' | 'not-found' | 'failed';
  message: string;
  /** Set when waiting: ready before the timeout. */
  ready?: boolean;
  /** Set when waiting: why it is (not) ready. */
  readiness?: string;
}

/** The outcome of an unpause. */
export interface UnpauseReport {
  clusters: ClusterUnpause[];
  waited: boolean;
  /** False when a cluster failed, was not found, or (when waiting) did not become ready. */
  ok: boolean;
}

interface Selected {
  cluster?: KubeObject;
  row: ClusterUnpause;
  generation?: number;
}

/** Unpauses the selected clusters; per-cluster failures are reported, not thrown. */
export async function unpauseClusters(
  target: RestoreTarget,
  request: UnpauseRequest,
): Promise<UnpauseReport> {
  if (!request.all && !request.clusters?.length)
    throw new RestoreError('restore.invalid', 'name the clusters to unpause, or pass --all');
  const { resources } = await target.discover();
  const api = findKind(resources, CAPI_TYPES.cluster.group, CAPI_TYPES.cluster.kind);
  if (!api)
    throw new RestoreError(
      'restore.unsupported',
      `the cluster at ${target.server} does not serve Cluster API clusters`,
    );
  const selected = request.all
    ? await selectAll(target, api, request.namespace)
    : await selectNamed(target, api, request);
  await mapLimit(selected, 8, (s) => unpauseOne(target, api, s));
  if (request.wait) await waitReady(target, api, selected, request);
  const clusters = selected.map((s) => s.row);
  const ok = clusters.every(
    (c) =>
      c.result !== 'failed' &&
      c.result !== 'not-found' &&
      (!request.wait || c.result === 'kept-paused' || c.ready),
  );
  return { clusters, waited: Boolean(request.wait), ok };
}

async function selectAll(target: RestoreTarget, api: ApiResource, namespace?: string): Promise<Selected[]> {
  const { items } = await target.list(api, namespace ? { namespace } : {});
  return items.filter(isPaused).map((cluster) => {
    const row = rowOf(cluster, 'unpaused', '');
    if (readAnnotation(cluster.metadata.annotations, PAUSED_IN_BACKUP_ANNOTATION) === 'true') {
      return {
        row: { ...row, result: 'kept-paused', message: 'was paused in its backup; name it to unpause it' },
      };
    }
    return { cluster, row };
  });
}

async function selectNamed(
  target: RestoreTarget,
  api: ApiResource,
  request: UnpauseRequest,
): Promise<Selected[]> {
  let everywhere: KubeObject[] | undefined;
  const out: Selected[] = [];
  for (const spec of request.clusters ?? []) {
    const [ns, name] = spec.includes('/')
      ? (spec.split('/', 2) as [string, string])
      : [request.namespace, spec];
    if (ns) {
      out.push(await selectOne(target, api, ns, name));
      continue;
    }
    everywhere ??= (await target.list(api)).items;
    const matches = everywhere.filter((c) => c.metadata.name === name);
    if (matches.length === 1) out.push({ cluster: matches[0]!, row: rowOf(matches[0]!, 'unpaused', '') });
    else if (matches.length === 0) out.push(notFound('', name));
    else {
      const where = matches.map((c) => c.metadata.namespace).join(', ');
      out.push({
        row: {
          namespace: '',
          name,
          result: 'failed',
          message: `ambiguous: found in ${where}; use namespace/name`,
        },
      });
    }
  }
  return out;
}

// Only a 404 means "no such cluster"; any other error (403, 5xx, unreachable) is that cluster's failure.
async function selectOne(
  target: RestoreTarget,
  api: ApiResource,
  ns: string,
  name: string,
): Promise<Selected> {
  try {
    const cluster = await target.get(api, ns, name);
    return cluster ? { cluster, row: rowOf(cluster, 'unpaused', '') } : notFound(ns, name);
  } catch (err) {
    return { row: { namespace: ns, name, result: 'failed', message: describeWithCode(err) } };
  }
}

async function unpauseOne(target: RestoreTarget, api: ApiResource, s: Selected): Promise<void> {
  const cluster = s.cluster;
  if (!cluster) return;
  if (!isPaused(cluster)) {
    s.row = { ...s.row, result: 'not-paused', message: 'was not paused' };
    return;
  }
  try {
    // An explicit unpause also lifts the paused annotation: the operator asked for this cluster.
    const key = { namespace: s.row.namespace, name: s.row.name };
    const { result, object } = await setPaused(target, api, key, false, {
      clearAnnotation: true,
      live: cluster,
    });
    s.generation = object?.metadata.generation;
    if (result === 'gone')
      s.row = { ...s.row, result: 'not-found', message: 'deleted before it could be unpaused' };
    else if (result === 'unchanged') s.row = { ...s.row, result: 'not-paused', message: 'was not paused' };
    else s.row = { ...s.row, result: 'unpaused', message: 'unpaused' };
  } catch (err) {
    s.row = { ...s.row, result: 'failed', message: describeWithCode(err) };
  }
}

async function waitReady(
  target: RestoreTarget,
  api: ApiResource,
  selected: Selected[],
  request: UnpauseRequest,
): Promise<void> {
  const waiting = selected.filter((s) => s.row.result === 'unpaused' || s.row.result === 'not-paused');
  const deadline = Date.now() + (request.timeoutMs ?? 600_000);
  for (;;) {
    await mapLimit(
      waiting.filter((s) => !s.row.ready),
      8,
      async (s) => {
        const verdict = await readiness(target, api, s);
        s.row = { ...s.row, ready: verdict.ready, readiness: verdict.reason };
      },
    );
    if (waiting.every((s) => s.row.ready) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, request.pollMs ?? 2000));
  }
  for (const s of waiting)
    if (!s.row.ready) s.row = { ...s.row, ready: false, readiness: `timed out: ${s.row.readiness}` };
}

// A failed read is reported as what it is (and polled again), never as "not found".
async function readiness(target: RestoreTarget, api: ApiResource, s: Selected): Promise<Readiness> {
  try {
    const live = await target.get(api, s.row.namespace, s.row.name);
    return live ? clusterReadiness(live, s.generation) : { ready: false, reason: 'not found' };
  } catch (err) {
    return { ready: false, reason: `cannot read it: ${describeWithCode(err)}` };
  }
}

function rowOf(cluster: KubeObject, result: ClusterUnpause['result'], message: string): ClusterUnpause {
  return { namespace: cluster.metadata.namespace ?? '', name: cluster.metadata.name, result, message };
}

function notFound(namespace: string, name: string): Selected {
  return { row: { namespace, name, result: 'not-found', message: 'no such cluster' } };
}
