/** The watches of a cluster worker: one label-selected informer per resource its watched targets use. */
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import type { Logger } from '../common/logger.js';
import { keyOf, keyString } from '../model/resource-key.js';
import { MANAGED_BY } from '../model/vocabulary.js';
import { OWNERSHIP_LABELS } from '../profiles/types.js';
import { Informer } from './informer.js';
import type { ClusterClient, DriftMetricsSink } from './ports.js';
import type { Target } from './reconciler.js';

const SELECTOR = `${OWNERSHIP_LABELS.managedBy}=${MANAGED_BY}`;

/** What the watches report. */
export interface TargetWatchEvents {
  /** An object of that key was added, changed or removed. */
  changed(key: string): void;
  /** One informer listed; `all` once every one has. */
  synced(all: boolean): void;
  failed(err: Error): void;
}

/** The informer key of a resource. */
export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}

/**
 * Starts one informer per resource of `targets` (only Driftline-managed objects are listed and
 * watched, never whole clusters); returns them by `refKey`, empty when there is nothing to watch.
 */
export function watchTargets(
  deps: { client: ClusterClient; cluster: string; metrics: DriftMetricsSink; logger: Logger },
  targets: readonly Target[],
  events: TargetWatchEvents,
): Map<string, Informer> {
  const refs = new Map(targets.map((t) => [refKey(t.ref), t.ref]));
  const informers = new Map<string, Informer>();
  const synced = new Set<string>();
  for (const [id, ref] of refs) {
    const informer = new Informer(
      deps.client,
      ref,
      {
        upsert: (o) => events.changed(keyString(keyOf(o))),
        remove: (o) => events.changed(keyString(keyOf(o))),
        synced: () => {
          synced.add(id);
          events.synced(synced.size === refs.size);
        },
        failed: (err) => events.failed(err),
        restarted: (reason) => deps.metrics.watchRestarted(deps.cluster, ref.resource, reason),
      },
      { labelSelector: SELECTOR, logger: deps.logger },
    );
    informers.set(id, informer);
    informer.start();
  }
  return informers;
}
