/** Resolves a cluster's desired objects to served resources (discovery), defaulting namespaces. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { describeError } from '../common/errors.js';
import { keyOf, keyString, parseApiVersion } from '../model/resource-key.js';
import { type DesiredSet, hashObject } from '../profiles/desired.js';
import type { ClusterClient } from './ports.js';
import type { Target } from './reconciler.js';

/** Targets by keyString, plus objects whose kind the cluster does not serve. */
export interface ResolvedTargets {
  targets: Map<string, Target>;
  unserved: { key: string; profile: string; reason: string }[];
}

/**
 * Resolves every desired object's kind once per group/version/kind. Unreachable servers throw
 * (the caller retries); kinds the server does not serve are reported per object.
 */
export async function resolveTargets(client: ClusterClient, set: DesiredSet): Promise<ResolvedTargets> {
  const refs = new Map<string, Promise<ResourceRef>>();
  const targets = new Map<string, Target>();
  const unserved: ResolvedTargets['unserved'] = [];
  for (const desired of set.objects.values()) {
    const { group, version } = parseApiVersion(desired.object.apiVersion);
    const gvk = `${group}/${version}/${desired.object.kind}`;
    if (!refs.has(gvk)) refs.set(gvk, client.resolve({ group, version, kind: desired.object.kind }));
    let ref: ResourceRef;
    try {
      ref = await refs.get(gvk)!;
    } catch (err) {
      if ((err as { code?: string }).code !== 'kube.unsupported') throw err;
      unserved.push({ key: desired.key, profile: desired.profile.name, reason: describeError(err) });
      continue;
    }
    const t = withNamespace({ desired, ref });
    targets.set(t.desired.key, t);
  }
  return { targets, unserved };
}

// A namespaced object declared without a namespace lands in `default`, as kubectl would put it.
function withNamespace(t: Target): Target {
  if (!t.ref.namespaced || t.desired.object.metadata.namespace) return t;
  const object = structuredClone(t.desired.object);
  object.metadata.namespace = 'default';
  return {
    ref: t.ref,
    desired: { ...t.desired, object, key: keyString(keyOf(object)), hash: hashObject(object) },
  };
}
