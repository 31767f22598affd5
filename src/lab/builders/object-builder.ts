/** The base every fixture builder extends: metadata options shared by all kinds, and `build()`. */
import type { KubeObject, ObjectMeta, OwnerReference } from '../../model/resource-key.js';
import { parseApiVersion } from '../../model/resource-key.js';
import { seededUuid } from './seeded.js';

/** Anything a builder option can point at: a built object or another builder. */
export type ObjectSource = KubeObject | { build(): KubeObject };

/** A plain JSON object, as fixture specs and statuses are. */
export type JsonObject = Record<string, unknown>;

/** Resolves a builder to the object it builds; objects pass through. */
export function resolve(source: ObjectSource): KubeObject {
  return 'build' in source && typeof source.build === 'function' ? source.build() : (source as KubeObject);
}

/** The name of an object, a builder's object, or a name given as a string. */
export function nameOf(source: string | ObjectSource): string {
  return typeof source === 'string' ? source : resolve(source).metadata.name;
}

/** The uid `withUID()` gives an object: derived from group, kind, namespace and name, so stable across versions. */
export function fakeUid(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): string {
  return seededUuid('uid', parseApiVersion(apiVersion).group, kind, namespace ?? '', name);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `patch` into a copy of `base`: objects merge, everything else (arrays too) replaces. */
export function mergeJson(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isJsonObject(current) && isJsonObject(value) ? mergeJson(current, value) : value;
  }
  return out;
}

/** Options for `ownedBy`; Cluster API sets `controller: true` on the owner that manages an object. */
export interface OwnerOptions {
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * Velero-style fluent builder. Subclasses supply the kind-specific body (`spec`, `status`,
 * `data`…) and may add labels at build time; every option here returns `this`.
 */
export abstract class ObjectBuilder {
  private readonly labels: Record<string, string> = {};
  private readonly annotations: Record<string, string> = {};
  private readonly owners: OwnerReference[] = [];
  private readonly finalizers: string[] = [];
  private uid: string | undefined;
  private specPatch: JsonObject = {};
  private statusPatch: JsonObject = {};

  protected constructor(
    protected readonly apiVersion: string,
    protected readonly kind: string,
    protected readonly namespace: string | undefined,
    protected readonly name: string,
  ) {}

  /** Adds labels (later calls win on the same key). */
  withLabels(labels: Record<string, string>): this {
    Object.assign(this.labels, labels);
    return this;
  }

  /** Adds annotations (later calls win on the same key). */
  withAnnotations(annotations: Record<string, string>): this {
    Object.assign(this.annotations, annotations);
    return this;
  }

  /** Sets `metadata.uid`; without an argument, a deterministic fake uid (real servers assign their own). */
  withUID(uid?: string): this {
    this.uid = uid ?? fakeUid(this.apiVersion, this.kind, this.namespace, this.name);
    return this;
  }

  /** Adds finalizers. */
  withFinalizers(...finalizers: string[]): this {
    this.finalizers.push(...finalizers);
    return this;
  }

  /** Adds an ownerReference to `owner`, which must have a uid; by default as its controller. */
  ownedBy(owner: ObjectSource, options: OwnerOptions = {}): this {
    const { apiVersion, kind, metadata } = resolve(owner);
    if (!metadata.uid) {
      throw new Error(`owner ${kind} ${metadata.name} has no metadata.uid: build it with withUID()`);
    }
    const ref: OwnerReference = { apiVersion, kind, name: metadata.name, uid: metadata.uid };
    ref.controller = options.controller ?? true;
    ref.blockOwnerDeletion = options.blockOwnerDeletion ?? true;
    const existing = this.owners.findIndex((o) => o.uid === ref.uid);
    if (existing >= 0) this.owners.splice(existing, 1, ref);
    else this.owners.push(ref);
    return this;
  }

  /** Deep-merges fields into `spec` after the builder computed it (escape hatch for one-off shapes). */
  withSpec(patch: JsonObject): this {
    this.specPatch = mergeJson(this.specPatch, patch);
    return this;
  }

  /** Deep-merges fields into `status` after the builder computed it. */
  withStatus(patch: JsonObject): this {
    this.statusPatch = mergeJson(this.statusPatch, patch);
    return this;
  }

  /** Returns a fresh plain-JSON object (no shared sub-objects, no undefined fields); each call is independent. */
  build(): KubeObject {
    const metadata: ObjectMeta = { name: this.name };
    if (this.namespace !== undefined) metadata.namespace = this.namespace;
    if (this.uid) metadata.uid = this.uid;
    const labels = { ...this.defaultLabels(), ...this.labels };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    if (Object.keys(this.annotations).length > 0) metadata.annotations = { ...this.annotations };
    if (this.owners.length > 0) metadata.ownerReferences = this.owners.map((o) => ({ ...o }));
    if (this.finalizers.length > 0) metadata.finalizers = [...this.finalizers];
    const body = this.body();
    if (isJsonObject(body.spec) || Object.keys(this.specPatch).length > 0) {
      body.spec = mergeJson(isJsonObject(body.spec) ? body.spec : {}, this.specPatch);
    }
    if (isJsonObject(body.status) || Object.keys(this.statusPatch).length > 0) {
      body.status = mergeJson(isJsonObject(body.status) ? body.status : {}, this.statusPatch);
    }
    return JSON.parse(
      JSON.stringify({ apiVersion: this.apiVersion, kind: this.kind, metadata, ...body }),
    ) as KubeObject;
  }

  /** Labels the kind always carries (explicit `withLabels` wins). */
  protected defaultLabels(): Record<string, string> {
    return {};
  }

  /** The fields after `metadata`: `spec`/`status` for most kinds, `data`/`type` for Secrets. */
  protected abstract body(): JsonObject;
}
