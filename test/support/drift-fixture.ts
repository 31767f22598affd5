/** Shared set-up for the drift integration tests: a management cluster with Cluster API clusters pointing at real workload API servers. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CORE_RESOURCES } from '../../src/adapters/kube/core-resources.js';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { DriftController, type DriftControllerOptions } from '../../src/controller/drift-controller.js';
import { CapiFleet } from '../../src/controller/fleet.js';
import type { DriftNotifier } from '../../src/controller/ports.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { cluster, kubeconfigSecret, namespace } from '../../src/lab/builders/index.js';
import { loadProjectCrds } from '../../src/lab/crds/index.js';
import type { DriftEvent } from '../../src/profiles/events.js';
import { TestEnv } from '../env/harness.js';

/** ConfigMaps in every API server. */
export const CONFIGMAPS: ResourceRef = CORE_RESOURCES.configmaps;

/** A Manual-correction profile: ConfigMap team-a/manual on every `env: prod` cluster. */
export const MANUAL_PROFILE = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: manual}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  correction: Manual
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: manual, namespace: team-a}
      data: {owner: platform}
`;
/** Deployments in every API server. */
export const DEPLOYMENTS: ResourceRef = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  namespaced: true,
};
/** Namespace of the Cluster objects in the management cluster. */
export const FLEET_NS = 'fleet';

/** Starts `mgmt` plus workload clusters, registers each as a Cluster API Cluster with `labels`, creates `team-a` everywhere. */
export async function startFleet(
  labels: Record<string, Record<string, string>>,
  apiServerArgs: string[] = [],
): Promise<TestEnv> {
  const workloads = Object.keys(labels);
  const env = await TestEnv.start({ clusters: ['mgmt', ...workloads], apiServerArgs });
  try {
    await env.installCrds(
      'mgmt',
      loadProjectCrds().filter((c) => c.metadata.name === 'clusters.cluster.x-k8s.io'),
    );
    await env.create('mgmt', [namespace(FLEET_NS).build()]);
    for (const wc of workloads) await registerCluster(env, wc, labels[wc]!);
    for (const wc of workloads) await env.create(wc, [namespace('team-a').build()]);
  } catch (err) {
    await env.stop();
    throw err;
  }
  return env;
}

/** Adds a Cluster object and its kubeconfig Secret for workload cluster `wc`. */
export async function registerCluster(
  env: TestEnv,
  wc: string,
  labels: Record<string, string>,
): Promise<void> {
  await env.create('mgmt', [
    cluster(FLEET_NS, wc).withLabels(labels).build(),
    kubeconfigSecret(FLEET_NS, wc, env.cluster(wc).server.kubeconfig).build(),
  ]);
}

/** A drift controller over `env`'s Cluster API fleet with the profiles in `dir` (not started). */
export function fleetController(
  env: TestEnv,
  dir: string,
  options: Omit<DriftControllerOptions, 'profiles' | 'fleet'>,
): DriftController {
  return new DriftController({
    profiles: loadProfiles(dir),
    fleet: new CapiFleet(env.cluster('mgmt').client),
    flushMs: 100,
    ...options,
  });
}

/** Writes files (relative path → text) under a fresh temporary directory and returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftline-profiles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A notifier that keeps every event (a fake of the narrow interface; real receivers are tested in drift-notify). */
export class RecordingNotifier implements DriftNotifier {
  readonly events: DriftEvent[] = [];
  notify(event: DriftEvent): void {
    this.events.push(event);
  }
  /** Events of a type for an object name on a cluster. */
  of(type: DriftEvent['type'], cluster: string, name: string): DriftEvent[] {
    return this.events.filter(
      (e) => e.type === type && e.cluster.endsWith(cluster) && e.object.name === name,
    );
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function until<T>(
  fn: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
