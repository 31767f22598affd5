/** Narrow interfaces the rest of Driftline depends on instead of the Kubernetes client itself. */
import type { KubeObject } from '../../model/resource-key.js';

/** Addresses one resource type in one version (from discovery). */
export interface ResourceRef {
  group: string;
  version: string;
  /** Plural, e.g. `configmaps`. */
  resource: string;
  namespaced: boolean;
}

/** Options for list and watch calls. */
export interface ListOptions {
  /** Omit for all namespaces (namespaced resources) or for cluster-scoped ones. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size (default 500). */
  limit?: number;
}

/** One page of a list, items carrying apiVersion and kind. */
export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  /** How many objects the server says follow this page (sent without label or field selectors). */
  remainingItemCount?: number;
}

/** Lists objects page by page (limit/continue), so callers can stream. */
export interface Lister {
  listPages(ref: ResourceRef, options?: ListOptions): AsyncGenerator<ListPage>;
  list(ref: ResourceRef, options?: ListOptions): Promise<ListPage>;
}

/** Reads one object; resolves undefined when it does not exist. */
export interface Getter {
  get(ref: ResourceRef, namespace: string, name: string): Promise<KubeObject | undefined>;
}

/** Creates an object (fails with kube.conflict when it exists). */
export interface Creator {
  create(ref: ResourceRef, object: KubeObject): Promise<KubeObject>;
}

/**
 * Replaces a whole object (PUT). With `metadata.resourceVersion` set, the server writes only if the
 * object is still at that version, else fails with kube.conflict (optimistic concurrency).
 */
export interface Replacer {
  replace(ref: ResourceRef, object: KubeObject): Promise<KubeObject>;
}

/** Options for server-side apply. */
export interface ApplyOptions {
  fieldManager: string;
  /** Take ownership of conflicting fields from other managers. */
  force?: boolean;
  dryRun?: boolean;
}

/** Server-side applies a (partial) object. */
export interface Applier {
  apply(ref: ResourceRef, object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
}

/** Patch types the API server accepts. */
export type PatchType = 'merge' | 'json' | 'strategic';

/** Patches an object. */
export interface Patcher {
  patch(
    ref: ResourceRef,
    namespace: string,
    name: string,
    patch: unknown,
    type: PatchType,
  ): Promise<KubeObject>;
}

/** Replaces the status subresource. */
export interface StatusWriter {
  replaceStatus(ref: ResourceRef, object: KubeObject): Promise<KubeObject>;
}

/** Options of a delete; a failed precondition fails with kube.conflict. */
export interface DeleteOptions {
  propagationPolicy?: string;
  /** The server deletes only the object with this uid (not a replacement of the same name). */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Deletes an object; resolves false when it was already gone. */
export interface Deleter {
  delete(ref: ResourceRef, namespace: string, name: string, options?: DeleteOptions): Promise<boolean>;
}

/** A watch event; ERROR carries a Status object (410 means re-list). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** A running watch. */
export interface WatchHandle {
  stop(): void;
}

/** Options for a watch, starting after `resourceVersion` when given. */
export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
}

/** Watches objects; `onDone` fires once when the stream ends (expiry, error or stop). */
export interface Watcher {
  watch(
    ref: ResourceRef,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
    onDone: (err?: Error) => void,
  ): Promise<WatchHandle>;
}
