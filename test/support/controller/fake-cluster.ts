/** Test helpers: an in-memory workload cluster (a fake of the narrow ClusterClient) and a scriptable state store. */
import type { ApiResource } from '../../../src/adapters/kube/discovery.js';
import { KubeError } from '../../../src/adapters/kube/index.js';
import type { ListPage, ResourceRef } from '../../../src/adapters/kube/interfaces.js';
import type { ClusterClient, StateStore } from '../../../src/controller/ports.js';
import type { KubeObject } from '../../../src/model/resource-key.js';
import type { ClusterState } from '../../../src/profiles/state.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole']);

/**
 * Serves every kind as `<kind>s` and, like a real API server, refuses a namespaced object whose
 * namespace does not exist. Each write yields to the event loop first, so concurrent writes race
 * as they would over the network. `failNext` makes the next applies of a name fail.
 */
export class FakeCluster implements ClusterClient {
  readonly objects = new Map<string, KubeObject>();
  readonly applied: string[] = [];
  private readonly failures = new Map<string, KubeError[]>();
  private version = 1;

  /** Makes the next applies of objects named `name` fail with these errors, one per apply. */
  failNext(name: string, ...errors: KubeError[]): void {
    this.failures.set(name, errors);
  }

  async resolve(query: { group?: string; version?: string; kind?: string }): Promise<ApiResource> {
    const kind = query.kind ?? '';
    return {
      group: query.group ?? '',
      version: query.version ?? 'v1',
      resource: `${kind.toLowerCase()}s`,
      kind,
      namespaced: !CLUSTER_SCOPED.has(kind),
      verbs: [],
      preferred: true,
      shortNames: [],
    };
  }

  async apply(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    await new Promise((r) => setImmediate(r));
    const { namespace = '', name } = object.metadata;
    const failure = this.failures.get(name)?.shift();
    if (failure) throw failure;
    if (ref.namespaced && !this.objects.has(id('namespaces', '', namespace)))
      throw new KubeError('kube.not-found', `namespaces "${namespace}" not found`, { status: 404 });
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.version);
    this.objects.set(id(ref.resource, namespace, name), stored);
    this.applied.push(`${object.kind}/${name}`);
    return structuredClone(stored);
  }

  async get(ref: ResourceRef, namespace: string, name: string): Promise<KubeObject | undefined> {
    const found = this.objects.get(id(ref.resource, namespace, name));
    return found && structuredClone(found);
  }

  async delete(ref: ResourceRef, namespace: string, name: string): Promise<boolean> {
    return this.objects.delete(id(ref.resource, namespace, name));
  }

  async list(): Promise<ListPage> {
    return { items: [], resourceVersion: String(this.version) };
  }

  async *listPages(): AsyncGenerator<ListPage> {
    yield await this.list();
  }

  async watch(): Promise<{ stop(): void }> {
    return { stop: () => undefined };
  }

  close(): void {}
}

/** A state store in memory whose reads fail while `readError` is set, and which counts saves. */
export class ScriptedStore implements StateStore {
  readonly location = 'memory';
  readError?: Error;
  saves = 0;
  private readonly shards = new Map<string, ClusterState>();

  constructor(initial: ClusterState[] = []) {
    for (const s of initial) this.shards.set(s.cluster.id, structuredClone(s));
  }

  async load(cluster: string): Promise<ClusterState | undefined> {
    if (this.readError) throw this.readError;
    const found = this.shards.get(cluster);
    return found && structuredClone(found);
  }

  async save(state: ClusterState): Promise<void> {
    this.saves++;
    this.shards.set(state.cluster.id, structuredClone(state));
  }

  async list(): Promise<ClusterState[]> {
    return [...this.shards.values()];
  }

  async remove(cluster: string): Promise<void> {
    this.shards.delete(cluster);
  }
}

function id(resource: string, namespace: string, name: string): string {
  return `${resource}/${namespace}/${name}`;
}
