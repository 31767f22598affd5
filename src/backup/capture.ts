/** Captures a cluster's objects into a backup writer: discovery, selection, paginated lists, results. */
import type { ApiResource, Discovery } from '../adapters/kube/discovery.js';
import type { ListOptions, ListPage, ResourceRef } from '../adapters/kube/interfaces.js';
import { NAMESPACES } from '../adapters/kube/namespaces.js';
import { mapLimit } from '../common/concurrency.js';
import { describeError } from '../common/errors.js';
import type { ResultsBuilder } from '../format/metadata-files.js';
import type { BackupItemInput } from '../format/tar-writer.js';
import { groupResource } from '../model/resource-key.js';
import { CapiLinks, capiResourceDecision } from './capi-preset.js';
import { listResourcePages, type ResourceListing } from './resource-pages.js';
import type { Selection } from './selection.js';

/** The API server as capture sees it. */
export interface CaptureSource {
  discover(): Promise<Discovery>;
  listPages(ref: ResourceRef, options?: ListOptions): AsyncGenerator<ListPage>;
}

/** Where captured items go (a BackupWriter); one page of items at a time. */
export interface CaptureSink {
  addMany(items: readonly BackupItemInput[]): Promise<void>;
}

/** What to capture. */
export interface CapturePlan {
  selection: Selection;
  /** `cluster-api` restricts the backup to what restoring Cluster API clusters needs. */
  preset?: 'cluster-api';
  /** Resources listed at once (default 4). */
  concurrency?: number;
  pageSize?: number;
}

/** Progress after each page. */
export interface CaptureProgress {
  resourcesDone: number;
  resourcesTotal: number;
  itemsBackedUp: number;
}

/** Counts for the Backup status. */
export interface CaptureStats {
  itemsBackedUp: number;
  /** Objects listed but left out by selection. */
  itemsSkipped: number;
  resources: string[];
}

/** Runs the capture; failures of one resource are recorded in `results` and the rest continues. */
export async function capture(
  source: CaptureSource,
  sink: CaptureSink,
  plan: CapturePlan,
  results: ResultsBuilder,
  log: (line: string) => void,
  onProgress: (p: CaptureProgress) => void = () => undefined,
): Promise<CaptureStats> {
  const discovery = await source.discover();
  for (const f of discovery.failures)
    results.warning('velero', `discovery of ${f.groupVersion} failed: ${f.error}`);
  const chosen = chooseResources(discovery.resources, plan, log);
  const links = plan.preset === 'cluster-api' ? new CapiLinks() : undefined;
  const isPhaseTwo = (r: ApiResource): boolean => links !== undefined && !!capiPhaseTwo(r);
  const stats: CaptureStats = { itemsBackedUp: 0, itemsSkipped: 0, resources: chosen.map(groupResource) };
  let writing = Promise.resolve();
  let done = 0;

  const listing: ResourceListing = {
    pageSize: plan.pageSize ?? 500,
    labelSelector: plan.selection.options.labelSelector,
    namespaces: once(() => includedNamespaces(source, plan.selection)),
  };

  const captureResource = async (r: ApiResource): Promise<void> => {
    try {
      await listResourcePages(source, r, listing, async (items) => {
        const batch: BackupItemInput[] = [];
        for (const object of items) {
          const decision = plan.selection.object(object, r);
          const linked = decision.include && isPhaseTwo(r) ? links!.decide(object) : decision;
          if (!linked.include) {
            stats.itemsSkipped++;
            continue;
          }
          if (links && !isPhaseTwo(r)) links.observe(object);
          batch.push({ resource: r.resource, group: r.group, preferredVersion: r.version, object });
        }
        // One writer, many listers: chain whole pages so entries never interleave.
        writing = writing.then(() => sink.addMany(batch));
        await writing;
        stats.itemsBackedUp += batch.length;
        onProgress({
          resourcesDone: done,
          resourcesTotal: chosen.length,
          itemsBackedUp: stats.itemsBackedUp,
        });
      });
      log(`backed up ${groupResource(r)}`);
    } catch (err) {
      results.error(
        r.namespaced ? 'velero' : 'cluster',
        `listing ${groupResource(r)} failed: ${describeError(err)}`,
      );
      log(`error listing ${groupResource(r)}: ${describeError(err)}`);
    } finally {
      done++;
      onProgress({ resourcesDone: done, resourcesTotal: chosen.length, itemsBackedUp: stats.itemsBackedUp });
    }
  };

  const concurrency = plan.concurrency ?? 4;
  await mapLimit(
    chosen.filter((r) => !isPhaseTwo(r)),
    concurrency,
    captureResource,
  );
  await mapLimit(chosen.filter(isPhaseTwo), concurrency, captureResource);
  await writing;
  return stats;
}

/** The preferred version of every resource the plan selects, with the reason for each choice logged. */
export function chooseResources(
  resources: ApiResource[],
  plan: CapturePlan,
  log: (line: string) => void,
): ApiResource[] {
  const chosen: ApiResource[] = [];
  for (const r of resources) {
    if (!r.preferred) continue;
    const decision = plan.selection.resource(r);
    const preset = plan.preset === 'cluster-api' ? capiResourceDecision(r) : decision;
    if (decision.include && preset.include) chosen.push(r);
    else log(`skipping ${groupResource(r)}: ${decision.include ? preset.reason : decision.reason}`);
  }
  return chosen;
}

// The namespaces a split list visits: those the selection keeps. Undefined (no split) when
// namespaces cannot be listed, e.g. with RBAC limited to some namespaces.
async function includedNamespaces(
  source: CaptureSource,
  selection: Selection,
): Promise<string[] | undefined> {
  try {
    const names: string[] = [];
    for await (const page of source.listPages(NAMESPACES))
      for (const ns of page.items)
        if (selection.namespace(ns.metadata.name).include) names.push(ns.metadata.name);
    return names;
  } catch {
    return undefined;
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}

function capiPhaseTwo(r: ApiResource): boolean {
  return (
    (r.group === '' && ['secrets', 'configmaps', 'namespaces'].includes(r.resource)) ||
    (r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions')
  );
}
