/** Lists each workload cluster's Nodes with the kubeconfig from the backup, concurrently and bounded. */
import { CORE_RESOURCES, KubeClient, KubeError } from '../adapters/kube/index.js';
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { clusterId, type TopologyCluster } from '../model/capi-topology.js';
import type { KubeObject } from '../model/resource-key.js';
import { isControlPlaneNode, type NodeEvidence, type NodeRecord } from '../recovery/index.js';

/** Options for gathering Node evidence. */
export interface NodeEvidenceOptions {
  concurrency?: number;
  /** Per-request timeout; an API server that does not answer in time is Unknown. */
  timeoutMs?: number;
  logger?: Logger;
}

/** Node evidence per cluster id (`namespace/name`). */
export async function gatherNodeEvidence(
  clusters: readonly TopologyCluster[],
  options: NodeEvidenceOptions = {},
): Promise<Record<string, NodeEvidence>> {
  const results = await mapLimit(clusters, options.concurrency ?? 8, (c) => nodesOf(c, options));
  return Object.fromEntries(clusters.map((c, i) => [clusterId(c), results[i]!]));
}

async function nodesOf(cluster: TopologyCluster, options: NodeEvidenceOptions): Promise<NodeEvidence> {
  const kubeconfig = cluster.kubeconfig;
  if (!kubeconfig.value)
    return {
      state: 'error',
      reason: kubeconfig.problem ?? `no usable ${kubeconfig.secretName} in the backup`,
    };
  let client: KubeClient | undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    client = KubeClient.connect({
      inline: kubeconfig.value.reveal(),
      timeoutMs,
      retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 500 },
      logger: options.logger,
    });
    const { items } = await client.list(CORE_RESOURCES.nodes, { limit: 500 });
    return { state: 'checked', nodes: items.map(toRecord) };
  } catch (err) {
    return nodeFailure(err, kubeconfig.server, timeoutMs);
  } finally {
    client?.close();
  }
}

const UNREACHABLE = new Set(['kube.unreachable', 'kube.timeout', 'kube.server']);

/**
 * The evidence of a cluster whose Nodes could not be listed. The reason names the server once and
 * says only what the report's "API server unreachable:" does not (the adapter's message says both).
 */
function nodeFailure(err: unknown, server: string | null, timeoutMs: number): NodeEvidence {
  const at = (detail: string): string => (server ? `${server}: ${detail}` : detail);
  const message = describeError(err);
  const named = server && message.includes(server) ? message : at(message);
  if (!(err instanceof KubeError) || !UNREACHABLE.has(err.code)) return { state: 'error', reason: named };
  if (err.code === 'kube.timeout')
    return { state: 'unreachable', reason: at(`no answer in ${timeoutMs} ms`) };
  const errno = (err.cause as NodeJS.ErrnoException | undefined)?.code;
  if (err.code !== 'kube.unreachable' || !errno) return { state: 'unreachable', reason: named };
  const tls = message.includes('TLS verification failed');
  return { state: 'unreachable', reason: at(tls ? `TLS verification failed: ${errno}` : errno) };
}

function toRecord(node: KubeObject): NodeRecord {
  const spec = (node.spec ?? {}) as { providerID?: string };
  const conditions =
    ((node.status ?? {}) as { conditions?: { type: string; status: string }[] }).conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  return {
    name: node.metadata.name,
    providerID: spec.providerID ?? null,
    controlPlane: isControlPlaneNode(node.metadata.labels),
    ready: ready?.status === 'True' ? true : ready?.status === 'False' ? false : null,
    createdAt: node.metadata.creationTimestamp ?? null,
  };
}
