/** KubeClient: one API server, implementing every narrow interface over the transport. */

import type { Logger } from '../../common/logger.js';
import type { KubeObject } from '../../model/resource-key.js';
import { Watch } from './client-node.js';
import { type ApiResource, type Discovery, discover, findResource } from './discovery.js';
import { KubeError } from './errors.js';
import type {
  Applier,
  ApplyOptions,
  Creator,
  DeleteOptions,
  Deleter,
  Getter,
  Lister,
  ListOptions,
  ListPage,
  Patcher,
  PatchType,
  Replacer,
  ResourceRef,
  StatusWriter,
  WatchEvent,
  Watcher,
  WatchHandle,
  WatchOptions,
} from './interfaces.js';
import { type KubeconfigSource, loadKubeconfig } from './kubeconfig.js';
import { listPages } from './list-pages.js';
import { PATCH_CONTENT_TYPES, resourcePath } from './paths.js';
import type { RetryPolicy } from './retry.js';
import { KubeTransport } from './transport.js';

/** Options for connecting to a cluster. */
export interface ConnectOptions extends KubeconfigSource {
  retry?: RetryPolicy;
  timeoutMs?: number;
  maxSockets?: number;
  logger?: Logger;
}

/** A client for one API server and context. */
export class KubeClient
  implements Lister, Getter, Creator, Replacer, Applier, Patcher, StatusWriter, Deleter, Watcher
{
  private discovery?: Promise<Discovery>;

  constructor(readonly transport: KubeTransport) {}

  /** Connects using kubeconfig rules (file, KUBECONFIG, inline string) and an optional context. */
  static connect(options: ConnectOptions = {}): KubeClient {
    const kubeconfig = loadKubeconfig(options);
    return new KubeClient(new KubeTransport(kubeconfig, options));
  }

  /** The API server URL. */
  get server(): string {
    return this.transport.server;
  }

  /** The kubeconfig context in use. */
  get context(): string {
    return this.transport.kubeconfig.context;
  }

  /** Discovers served resources once and caches the result for this client. */
  discover(refresh = false): Promise<Discovery> {
    if (!this.discovery || refresh) this.discovery = discover(this.transport);
    return this.discovery;
  }

  /** Resolves a kind (optionally group/version) to its resource, failing clearly when not served. */
  async resolve(query: {
    group?: string;
    version?: string;
    kind?: string;
    resource?: string;
  }): Promise<ApiResource> {
    const { resources } = await this.discover();
    const found = findResource(resources, query);
    if (found) return found;
    const fresh = findResource((await this.discover(true)).resources, query);
    if (fresh) return fresh;
    const what = [query.group, query.version, query.kind ?? query.resource].filter(Boolean).join('/');
    throw new KubeError('kube.unsupported', `the server at ${this.server} does not serve ${what}`);
  }

  /** Checks the server answers (GET /version). */
  async version(): Promise<{ gitVersion: string }> {
    return this.transport.request({ method: 'GET', path: '/version', what: 'get server version' });
  }

  /** Pages of a LIST, each requested as soon as its continue token is known (see `list-pages.ts`). */
  listPages(ref: ResourceRef, options: ListOptions = {}): AsyncGenerator<ListPage> {
    return listPages(this.transport, ref, options);
  }

  async list(ref: ResourceRef, options: ListOptions = {}): Promise<ListPage> {
    const items: KubeObject[] = [];
    let resourceVersion = '';
    for await (const page of this.listPages(ref, options)) {
      items.push(...page.items);
      resourceVersion = page.resourceVersion;
    }
    return { items, resourceVersion };
  }

  async get(ref: ResourceRef, namespace: string, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.transport.request<KubeObject>({
        method: 'GET',
        path: resourcePath(ref, namespace, name),
        what: `get ${ref.resource} ${namespace ? `${namespace}/` : ''}${name}`,
      });
    } catch (err) {
      if (err instanceof KubeError && err.code === 'kube.not-found') return undefined;
      throw err;
    }
  }

  create(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    return this.transport.request({
      method: 'POST',
      path: resourcePath(ref, object.metadata.namespace),
      body: object,
      what: `create ${describe(ref, object)}`,
    });
  }

  replace(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    return this.transport.request({
      method: 'PUT',
      path: resourcePath(ref, object.metadata.namespace, object.metadata.name),
      body: object,
      // Never retried: a write that timed out may have landed, and a resourceVersion
      // precondition would then report a conflict the caller must see as such.
      retry: false,
      what: `replace ${describe(ref, object)}`,
    });
  }

  apply(ref: ResourceRef, object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const { namespace, name } = object.metadata;
    return this.transport.request({
      method: 'PATCH',
      path: resourcePath(ref, namespace, name),
      query: {
        fieldManager: options.fieldManager,
        force: options.force,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: object,
      contentType: PATCH_CONTENT_TYPES.apply,
      // Apply is idempotent: repeating it converges on the same result.
      retry: true,
      what: `apply ${describe(ref, object)}`,
    });
  }

  patch(
    ref: ResourceRef,
    namespace: string,
    name: string,
    patch: unknown,
    type: PatchType,
  ): Promise<KubeObject> {
    return this.transport.request({
      method: 'PATCH',
      path: resourcePath(ref, namespace, name),
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
      what: `patch ${ref.resource} ${namespace ? `${namespace}/` : ''}${name}`,
    });
  }

  replaceStatus(ref: ResourceRef, object: KubeObject): Promise<KubeObject> {
    return this.transport.request({
      method: 'PUT',
      path: resourcePath(ref, object.metadata.namespace, object.metadata.name, 'status'),
      body: object,
      what: `update status of ${describe(ref, object)}`,
    });
  }

  async delete(
    ref: ResourceRef,
    namespace: string,
    name: string,
    options: DeleteOptions = {},
  ): Promise<boolean> {
    try {
      await this.transport.request({
        method: 'DELETE',
        path: resourcePath(ref, namespace, name),
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          propagationPolicy: options.propagationPolicy ?? 'Background',
          ...(options.preconditions && { preconditions: options.preconditions }),
        },
        retry: true,
        what: `delete ${ref.resource} ${namespace ? `${namespace}/` : ''}${name}`,
      });
      return true;
    } catch (err) {
      if (err instanceof KubeError && err.code === 'kube.not-found') return false;
      throw err;
    }
  }

  async watch(
    ref: ResourceRef,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
    onDone: (err?: Error) => void,
  ): Promise<WatchHandle> {
    const watch = new Watch(this.transport.kubeconfig.config);
    const [group, version] = [ref.group, ref.version];
    const apiVersion = group ? `${group}/${version}` : version;
    let stopped = false;
    const controller = await watch.watch(
      resourcePath(ref, options.namespace),
      {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        resourceVersion: options.resourceVersion,
        allowWatchBookmarks: true,
      },
      (type, object: KubeObject) => {
        if (type !== 'ERROR' && object && !object.apiVersion) object.apiVersion = apiVersion;
        onEvent({ type: type as WatchEvent['type'], object });
      },
      (err?: Error) => onDone(stopped ? undefined : (err ?? undefined)),
    );
    return {
      stop: () => {
        stopped = true;
        controller.abort();
      },
    };
  }

  /** Releases sockets. */
  close(): void {
    this.transport.close();
  }
}

function describe(ref: ResourceRef, object: KubeObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${ref.resource} ${ns}${object.metadata.name}`;
}
