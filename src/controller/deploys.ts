/** Deploying a cluster's desired objects: when needed, in dependency order, retried with backoff until they take. */
import { backoffDelay, type RetryPolicy } from '../adapters/kube/retry.js';
import { type KubeObject, parseApiVersion } from '../model/resource-key.js';
import type { DesiredObject } from '../profiles/desired.js';
import type { ObjectRecord } from '../profiles/state.js';
import { basePosition } from '../restore/priorities.js';
import type { Reconciler, Target } from './reconciler.js';

/** Backoff of the retries that never give up: reading the state, failed deploys, awaited CRDs. */
export const RETRY: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * True when the object must be applied rather than evaluated: new, declared differently since
 * the last apply, or never applied because the deploy failed (`OneTime`: only until it took).
 */
export function needsDeploy(t: Target, record: ObjectRecord | undefined, passive = false): boolean {
  const mode = t.desired.profile.syncMode;
  if (passive || mode === 'DryRun') return false;
  return mode === 'OneTime' ? !record?.appliedHash : record?.appliedHash !== t.desired.hash;
}

/** Deploys through a reconciler; a failed deploy stays Pending with its reason and is retried. */
export class Deployer {
  private readonly failures = new Map<string, number>();
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly reconciler: Reconciler,
    /** Schedules another attempt for `key` after `ms` (the worker runs it like any change). */
    private readonly retry: (key: string, ms: number) => void,
  ) {}

  /** The live object after a deploy that took, or undefined (a retry is scheduled). */
  async deploy(t: Target): Promise<KubeObject | undefined> {
    const { key } = t.desired;
    const failures = this.failures.get(key) ?? 0;
    const delay = backoffDelay(RETRY, failures + 1);
    const live = await this.reconciler.deploy(t, delay);
    if (live) {
      this.failures.delete(key);
      return live;
    }
    this.failures.set(key, failures + 1);
    if (!this.scheduled.has(key)) {
      this.scheduled.add(key);
      this.retry(key, delay);
    }
    return undefined;
  }

  /** Marks the scheduled retry of `key` as started. */
  retrying(key: string): void {
    this.scheduled.delete(key);
  }
}

/**
 * Splits targets into waves deployed one after another: CRDs, then Namespaces, then the rest of
 * Velero's restore priorities (ServiceAccounts, Secrets, ConfigMaps … before workloads), then
 * everything else. Restore uses the same tiers, so an object never waits on its namespace.
 */
export function deployWaves(targets: Iterable<Target>): Target[][] {
  const waves = new Map<number, Target[]>();
  for (const t of targets) {
    const { phase } = basePosition(t.ref.resource, t.ref.group, t.desired.object.kind);
    waves.set(phase, [...(waves.get(phase) ?? []), t]);
  }
  return [...waves.entries()].sort(([a], [b]) => a - b).map(([, wave]) => wave);
}

/**
 * The objects a cluster did not serve the kind of, whose CustomResourceDefinition the same desired
 * set declares: once that CRD is deployed and established, they can be resolved and deployed too.
 */
export function awaitingDeclaredCrds(
  unserved: readonly { key: string }[],
  objects: ReadonlyMap<string, DesiredObject>,
): string[] {
  const declared = new Set<string>();
  for (const d of objects.values()) {
    const spec = d.object.spec as { group?: string; names?: { kind?: string } } | undefined;
    if (d.object.kind === 'CustomResourceDefinition' && spec?.group && spec.names?.kind)
      declared.add(`${spec.group}/${spec.names.kind}`);
  }
  return unserved
    .map((u) => u.key)
    .filter((key) => {
      const object = objects.get(key)?.object;
      return (
        object !== undefined && declared.has(`${parseApiVersion(object.apiVersion).group}/${object.kind}`)
      );
    });
}
