/** The fleet: workload clusters from kubeconfig contexts, or from a management cluster's Cluster API objects. */
import { createHash } from 'node:crypto';
import { KubeClient } from '../adapters/kube/client.js';
import { CORE_RESOURCES } from '../adapters/kube/core-resources.js';
import { loadKubeconfig } from '../adapters/kube/kubeconfig.js';
import type { RetryPolicy } from '../adapters/kube/retry.js';
import type { Logger } from '../common/logger.js';
import { decodeKubeconfigSecret } from '../model/capi-kubeconfig.js';
import { CAPI_GROUP, CAPI_LABEL, CAPI_TYPES, kubeconfigSecretName } from '../model/capi-names.js';
import { type KubeObject, keyString } from '../model/resource-key.js';
import { Informer } from './informer.js';
import type { ClusterClient } from './ports.js';

/** One workload cluster of the fleet. */
export interface FleetMember {
  /** `namespace/name` (Cluster API) or the context name. */
  id: string;
  labels: Record<string, string>;
  /** Changes when the credentials change, so the worker reconnects. */
  fingerprint: string;
  connect(): ClusterClient;
  /** The Cluster object, for Kubernetes Events in the management cluster. */
  clusterObject?: { apiVersion: string; kind: string; namespace: string; name: string; uid?: string };
}

/** A source of fleet members that may change while running. */
export interface FleetSource {
  start(onChange: (members: FleetMember[]) => void): Promise<void>;
  stop(): void;
}

/** Client settings for workload clusters: fail fast so an outage shows as Unreachable quickly. */
export const WORKLOAD_RETRY: RetryPolicy = { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 500 };
const WORKLOAD_TIMEOUT_MS = 10_000;

/** Clusters from kubeconfig contexts; labels come from the caller (`--cluster-label`). */
export class ContextFleet implements FleetSource {
  constructor(
    private readonly source: { file?: string; env?: NodeJS.ProcessEnv },
    private readonly contexts: string[] | undefined,
    private readonly labels: Record<string, Record<string, string>> = {},
  ) {}

  async start(onChange: (members: FleetMember[]) => void): Promise<void> {
    const loaded = loadKubeconfig(this.source);
    const names = this.contexts ?? loaded.config.getContexts().map((c) => c.name);
    onChange(
      names.map((context) => ({
        id: context,
        labels: this.labels[context] ?? {},
        fingerprint: context,
        connect: () =>
          KubeClient.connect({
            ...this.source,
            context,
            retry: WORKLOAD_RETRY,
            timeoutMs: WORKLOAD_TIMEOUT_MS,
          }),
      })),
    );
  }

  stop(): void {}
}

/** Clusters from Cluster API `Cluster` objects and their `<name>-kubeconfig` Secrets, watched. */
export class CapiFleet implements FleetSource {
  private clusters?: Informer;
  private secrets?: Informer;
  private timer?: NodeJS.Timeout;
  private current = new Map<string, FleetMember>();
  // Problems already logged, so an unusable Secret is reported once, not on every change.
  private readonly reported = new Set<string>();

  constructor(
    private readonly mgmt: KubeClient,
    private readonly logger?: Logger,
  ) {}

  /** Resolves once both Clusters and Secrets were listed (members reported through `onChange`). */
  async start(onChange: (members: FleetMember[]) => void): Promise<void> {
    const ref = await this.mgmt.resolve({ group: CAPI_GROUP, kind: CAPI_TYPES.cluster.kind });
    let synced = 0;
    let first!: () => void;
    const ready = new Promise<void>((r) => (first = r));
    const changed = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => onChange(this.members()), 50);
    };
    const handlers = (name: string) => ({
      upsert: changed,
      remove: changed,
      synced: () => {
        changed();
        if (++synced === 2) setTimeout(first, 60);
      },
      failed: (err: Error) =>
        this.logger?.warn({ err: err.message, what: name }, 'management cluster watch failed'),
    });
    this.clusters = new Informer(this.mgmt, ref, handlers('clusters'), { logger: this.logger });
    this.secrets = new Informer(this.mgmt, CORE_RESOURCES.secrets, handlers('secrets'), {
      labelSelector: CAPI_LABEL.clusterName,
      logger: this.logger,
    });
    this.clusters.start();
    this.secrets.start();
    await ready;
  }

  /** The Cluster object of a member, for Kubernetes Events. */
  clusterObject(id: string): FleetMember['clusterObject'] {
    return this.current.get(id)?.clusterObject;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.clusters?.stop();
    this.secrets?.stop();
  }

  private members(): FleetMember[] {
    const out: FleetMember[] = [];
    for (const cluster of this.clusters?.values() ?? []) {
      const { namespace = '', name, deletionTimestamp } = cluster.metadata;
      if (deletionTimestamp) continue;
      const kubeconfig = this.kubeconfigOf(namespace, name);
      if (!kubeconfig) continue;
      out.push(member(cluster, kubeconfig));
    }
    this.current = new Map(out.map((m) => [m.id, m]));
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  private kubeconfigOf(namespace: string, name: string): string | undefined {
    const key = { group: '', kind: 'Secret', namespace, name: kubeconfigSecretName(name) };
    const secret = this.secrets?.get(keyString(key));
    if (!secret) return undefined;
    const decoded = decodeKubeconfigSecret(secret);
    if (decoded.ok) return decoded.text;
    if (!this.reported.has(decoded.problem)) {
      this.reported.add(decoded.problem);
      this.logger?.warn(
        { cluster: `${namespace}/${name}`, err: decoded.problem },
        'cluster skipped: unusable kubeconfig',
      );
    }
    return undefined;
  }
}

function member(cluster: KubeObject, kubeconfig: string): FleetMember {
  const { namespace = '', name, uid, labels = {} } = cluster.metadata;
  return {
    id: `${namespace}/${name}`,
    labels,
    fingerprint: createHash('sha256').update(kubeconfig).digest('hex'),
    connect: () =>
      KubeClient.connect({ inline: kubeconfig, retry: WORKLOAD_RETRY, timeoutMs: WORKLOAD_TIMEOUT_MS }),
    clusterObject: { apiVersion: cluster.apiVersion, kind: cluster.kind, namespace, name, uid },
  };
}
