/** The Lease the elector reads and writes, over the kube adapter's narrow interfaces. */
import type { Creator, Getter, Replacer } from '../adapters/kube/interfaces.js';
import { LEASES, type LeaseSpec } from '../adapters/kube/leases.js';
import type { RetryPolicy } from '../adapters/kube/retry.js';
import type { KubeObject } from '../model/resource-key.js';
import { LABELS, MANAGED_BY, SYSTEM_NAMESPACE } from '../model/vocabulary.js';
import type { LeaderTiming, StoredLease } from './leader-rules.js';

/** The Lease every `driftline serve` replica competes for. */
export const LEADER_LEASE = { namespace: SYSTEM_NAMESPACE, name: 'driftline-controller' } as const;

/** Reads and writes one Lease; `update` fails with kube.conflict when the Lease moved past `resourceVersion`. */
export interface LeaseStore {
  /** E.g. `Lease driftline-system/driftline-controller`, for logs. */
  readonly description: string;
  get(): Promise<StoredLease | undefined>;
  /** Fails with kube.conflict when the Lease already exists. */
  create(spec: LeaseSpec): Promise<StoredLease>;
  update(spec: LeaseSpec, resourceVersion: string): Promise<StoredLease>;
}

/**
 * Connect options for the elector's own client: a request times out within the elector's deadline
 * (so a stopped server frees its sockets) and is never retried inside the client, since the
 * elector retries every retry period and must see each failure in time.
 */
export function leaderClientOptions(timing: LeaderTiming): { timeoutMs: number; retry: RetryPolicy } {
  return {
    timeoutMs: timing.renewDeadlineMs / 2,
    retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0 },
  };
}

/** A LeaseStore over a Kubernetes client (any Getter, Creator and Replacer). */
export function kubeLeaseStore(
  client: Getter & Creator & Replacer,
  lease: { namespace: string; name: string } = LEADER_LEASE,
): LeaseStore {
  const { namespace, name } = lease;
  const object = (spec: LeaseSpec, resourceVersion?: string): KubeObject => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      namespace,
      name,
      labels: { [LABELS.managedBy]: MANAGED_BY },
      ...(resourceVersion && { resourceVersion }),
    },
    spec,
  });
  return {
    description: `Lease ${namespace}/${name}`,
    get: async () => stored(await client.get(LEASES, namespace, name)),
    create: async (spec) => stored(await client.create(LEASES, object(spec)))!,
    update: async (spec, resourceVersion) =>
      stored(await client.replace(LEASES, object(spec, resourceVersion)))!,
  };
}

function stored(object: KubeObject | undefined): StoredLease | undefined {
  if (!object) return undefined;
  return { spec: (object.spec ?? {}) as LeaseSpec, resourceVersion: object.metadata.resourceVersion ?? '' };
}
