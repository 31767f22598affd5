/** An in-memory cluster for the apply engine's unit tests: uids, conflicts, merge patches, status, delete preconditions. */
import type { Discovery } from '../../src/adapters/kube/discovery.js';
import { KubeError } from '../../src/adapters/kube/index.js';
import type { ApplyOptions, DeleteOptions, ResourceRef } from '../../src/adapters/kube/interfaces.js';
import type { DeletingTarget } from '../../src/apply/index.js';
import { isRecord } from '../../src/common/records.js';
import type { KubeObject } from '../../src/model/resource-key.js';

/** A scripted failure: the next calls of `verb` (on `name`, or any name) throw these errors in turn. */
interface Failure {
  verb: string;
  name?: string;
  errors: KubeError[];
}

/** Holds objects by resource/namespace/name; `calls` records every call as `verb name`. */
export class MemoryTarget implements DeletingTarget {
  readonly server = 'https://memory.test';
  readonly objects = new Map<string, KubeObject>();
  readonly calls: string[] = [];
  /** Resources without a status subresource (status is then written through a merge patch). */
  readonly noStatusSubresource = new Set<string>();
  private readonly failures: Failure[] = [];
  private uid = 0;
  private rv = 0;

  /** Makes the next calls of `verb` (optionally only on objects named `name`) fail, one error per call. */
  fail(verb: string, errors: KubeError[], name?: string): void {
    this.failures.push({ verb, name, errors: [...errors] });
  }

  /** Stores an object as if someone else created it; returns it with a uid. */
  seed(ref: ResourceRef, object: KubeObject): KubeObject {
    const stored = this.stamp(structuredClone(object));
    this.objects.set(this.id(ref, object.metadata.namespace ?? '', object.metadata.name), stored);
    return structuredClone(stored);
  }

  async discover(): Promise<Discovery> {
    return { resources: [], failures: [] } as unknown as Discovery;
  }

  async get(ref: ResourceRef, namespace: string, name: string): Promise<KubeObject | undefined> {
    this.record('get', name);
    const found = this.objects.get(this.id(ref, namespace, name));
    return found && structuredClone(found);
  }

  async create(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    this.record('create', object.metadata.name);
    const key = this.id(ref, object.metadata.namespace ?? '', object.metadata.name);
    if (this.objects.has(key))
      throw new KubeError('kube.conflict', `${object.metadata.name} already exists`, { status: 409 });
    const stored = this.stamp(structuredClone(object));
    delete stored.status;
    this.objects.set(key, stored);
    return structuredClone(stored);
  }

  async apply(ref: ResourceRef, object: KubeObject, _options: ApplyOptions): Promise<KubeObject> {
    this.record('apply', object.metadata.name);
    const key = this.id(ref, object.metadata.namespace ?? '', object.metadata.name);
    const live = this.objects.get(key);
    const merged = live ? (merge(live, object) as KubeObject) : this.stamp(structuredClone(object));
    merged.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, merged);
    return structuredClone(merged);
  }

  async patch(ref: ResourceRef, namespace: string, name: string, patch: unknown): Promise<KubeObject> {
    this.record('patch', name);
    const key = this.id(ref, namespace, name);
    const live = this.objects.get(key);
    if (!live) throw new KubeError('kube.not-found', `${name} not found`, { status: 404 });
    const merged = merge(live, patch) as KubeObject;
    merged.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, merged);
    return structuredClone(merged);
  }

  async replaceStatus(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    this.record('status', object.metadata.name);
    if (this.noStatusSubresource.has(ref.resource))
      throw new KubeError('kube.not-found', 'no status', { status: 404 });
    const key = this.id(ref, object.metadata.namespace ?? '', object.metadata.name);
    const live = this.objects.get(key);
    if (!live) throw new KubeError('kube.not-found', `${object.metadata.name} not found`, { status: 404 });
    const updated = { ...live, status: structuredClone(object.status) };
    this.objects.set(key, updated);
    return structuredClone(updated);
  }

  async delete(
    ref: ResourceRef,
    namespace: string,
    name: string,
    options: DeleteOptions = {},
  ): Promise<boolean> {
    this.record('delete', name);
    const key = this.id(ref, namespace, name);
    const live = this.objects.get(key);
    if (!live) return false;
    if (options.preconditions?.uid && options.preconditions.uid !== live.metadata.uid)
      throw new KubeError('kube.conflict', 'precondition failed: uid', { status: 409 });
    this.objects.delete(key);
    return true;
  }

  private record(verb: string, name: string): void {
    this.calls.push(`${verb} ${name}`);
    const failure = this.failures.find(
      (f) => f.verb === verb && (!f.name || f.name === name) && f.errors.length,
    );
    const error = failure?.errors.shift();
    if (error) throw error;
  }

  private stamp(object: KubeObject): KubeObject {
    object.metadata.uid = `uid-${++this.uid}`;
    object.metadata.resourceVersion = String(++this.rv);
    return object;
  }

  private id(ref: ResourceRef, namespace: string, name: string): string {
    return `${ref.group}/${ref.resource}/${namespace}/${name}`;
  }
}

// A JSON merge patch (RFC 7386): null deletes, objects merge, everything else replaces.
function merge(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}
