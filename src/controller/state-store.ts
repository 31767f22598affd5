/** Drift state storage: one shard per cluster, in a local directory or in ConfigMaps of `driftline-system`. */
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { CORE_RESOURCES } from '../adapters/kube/core-resources.js';
import type { Applier, Creator, Deleter, Lister } from '../adapters/kube/interfaces.js';
import { ensureNamespace } from '../adapters/kube/namespaces.js';
import {
  ANNOTATIONS,
  LABELS,
  MANAGED_BY,
  STATE_FIELD_MANAGER,
  SYSTEM_NAMESPACE,
} from '../model/vocabulary.js';
import { type ClusterState, parseClusterState, serializeClusterState } from '../profiles/state.js';
import { StateConflictError, type StateStore } from './ports.js';

/** The namespace of the management cluster holding drift state. */
export const STATE_NAMESPACE = SYSTEM_NAMESPACE;
/** The data key of a state ConfigMap. */
export const STATE_KEY = 'state.json';
/** Label marking state ConfigMaps. */
export const STATE_LABEL = LABELS.state;

const CONFIGMAPS = CORE_RESOURCES.configmaps;

/** A file- and object-name-safe form of a cluster id (`ns/wc1` → `ns.wc1-1a2b3c4d`). */
export function shardName(cluster: string): string {
  const safe = cluster
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 40);
  return `${safe || 'cluster'}-${createHash('sha256').update(cluster).digest('hex').slice(0, 8)}`;
}

/**
 * State in `<dir>/<shard>.json`, written atomically. Saves are conditional, like the ConfigMap
 * store's: a save fails with `StateConflictError` when the file changed since it was loaded (a
 * `drift correct` next to `drift run`), and a lock file makes check-and-rename one step across
 * processes. A lock left by a crashed process is taken over after `STALE_LOCK_MS`.
 */
export class DirStateStore implements StateStore {
  readonly location: string;
  // Digest of each shard as last loaded or saved ('' when it did not exist).
  private readonly versions = new Map<string, string>();

  constructor(private readonly dir: string) {
    this.location = `directory ${dir}`;
  }

  async load(cluster: string): Promise<ClusterState | undefined> {
    const text = readIfExists(this.file(cluster));
    this.versions.set(cluster, digest(text));
    return text === undefined ? undefined : parseClusterState(text, this.file(cluster));
  }

  async save(state: ClusterState): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(state.cluster.id);
    const text = serializeClusterState(state);
    await withLockFile(`${file}.lock`, () => {
      const expected = this.versions.get(state.cluster.id);
      if (expected !== undefined && digest(readIfExists(file)) !== expected)
        throw new StateConflictError(
          `drift state of ${state.cluster.id} in ${this.dir} changed since it was read`,
        );
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, text, { mode: 0o600 });
      renameSync(tmp, file);
    });
    this.versions.set(state.cluster.id, digest(text));
  }

  async list(): Promise<ClusterState[]> {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
    return files
      .sort()
      .map((f) => parseClusterState(readFileSync(join(this.dir, f), 'utf8'), join(this.dir, f)));
  }

  async remove(cluster: string): Promise<void> {
    rmSync(this.file(cluster), { force: true });
    this.versions.delete(cluster);
  }

  private file(cluster: string): string {
    return join(this.dir, `${shardName(cluster)}.json`);
  }
}

/** How old a lock file must be before it is taken to belong to a process that died holding it. */
export const STALE_LOCK_MS = 30_000;

async function withLockFile(lock: string, fn: () => void): Promise<void> {
  for (let waited = 0; ; waited += 10) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (waited >= 5_000) throw new StateConflictError(`${lock} is held by another process`);
      else await new Promise((r) => setTimeout(r, 10));
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function digest(text: string | undefined): string {
  return text === undefined ? '' : createHash('sha256').update(text).digest('hex');
}

/** State in ConfigMaps `driftline-drift-<shard>` of the management cluster (server-side applied). */
export class ConfigMapStateStore implements StateStore {
  readonly location: string;
  private namespaceReady = false;
  // resourceVersion of each shard as last loaded: a save is conditional on it, so a second writer
  // (`drift correct` next to `drift run`) makes the save fail with kube.conflict instead of being lost.
  private readonly versions = new Map<string, string>();

  constructor(
    private readonly client: Lister & Applier & Creator & Deleter,
    private readonly namespace = STATE_NAMESPACE,
  ) {
    this.location = `ConfigMaps labelled ${STATE_LABEL} in namespace ${namespace} of the management cluster`;
  }

  async load(cluster: string): Promise<ClusterState | undefined> {
    const { items } = await this.client.list(CONFIGMAPS, {
      namespace: this.namespace,
      fieldSelector: `metadata.name=${this.name(cluster)}`,
    });
    const version = items[0]?.metadata.resourceVersion;
    if (version) this.versions.set(cluster, version);
    else this.versions.delete(cluster);
    const text = (items[0]?.data as Record<string, string> | undefined)?.[STATE_KEY];
    return text ? parseClusterState(text, `configmap ${this.namespace}/${this.name(cluster)}`) : undefined;
  }

  async save(state: ClusterState): Promise<void> {
    await this.ensureNamespace();
    const version = this.versions.get(state.cluster.id);
    const saved = await this.client.apply(
      CONFIGMAPS,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: this.name(state.cluster.id),
          namespace: this.namespace,
          ...(version && { resourceVersion: version }),
          labels: { [STATE_LABEL]: 'drift', [LABELS.managedBy]: MANAGED_BY },
          annotations: { [ANNOTATIONS.cluster]: state.cluster.id },
        },
        data: { [STATE_KEY]: serializeClusterState(state) },
      },
      { fieldManager: STATE_FIELD_MANAGER, force: true },
    );
    if (saved.metadata.resourceVersion) this.versions.set(state.cluster.id, saved.metadata.resourceVersion);
  }

  async list(): Promise<ClusterState[]> {
    const { items } = await this.client.list(CONFIGMAPS, {
      namespace: this.namespace,
      labelSelector: `${STATE_LABEL}=drift`,
    });
    return items
      .flatMap((cm) => {
        const text = (cm.data as Record<string, string> | undefined)?.[STATE_KEY];
        return typeof text === 'string'
          ? [parseClusterState(text, `configmap ${this.namespace}/${cm.metadata.name}`)]
          : [];
      })
      .sort((a, b) => a.cluster.id.localeCompare(b.cluster.id));
  }

  async remove(cluster: string): Promise<void> {
    await this.client.delete(CONFIGMAPS, this.namespace, this.name(cluster));
  }

  private name(cluster: string): string {
    return `driftline-drift-${shardName(cluster)}`;
  }

  private async ensureNamespace(): Promise<void> {
    if (this.namespaceReady) return;
    await ensureNamespace(this.client, this.namespace);
    this.namespaceReady = true;
  }
}
