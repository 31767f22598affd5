/** The Velero Restore object Driftline stores beside a restore's results (`restore-<n>.json`). */
import { z } from 'zod';
import { fromSelectorText } from '../backup/backup-spec.js';
import { FormatError, rfc3339, VELERO_NAMESPACE } from '../format/index.js';
import { ANNOTATIONS } from '../model/vocabulary.js';
import type { RestoreCounts } from './results.js';
import type { PlanOptions } from './types.js';

/** Velero's restore phases that Driftline writes. */
export type RestorePhase = 'InProgress' | 'Completed' | 'PartiallyFailed' | 'Failed';

/** Annotation naming the target cluster's API server. */
export const TARGET_SERVER_ANNOTATION = ANNOTATIONS.targetServer;

const strings = z.array(z.string()).nullish();

/** Schema of a stored Restore: what Driftline reads, unknown fields kept. */
export const veleroRestoreSchema = z.looseObject({
  apiVersion: z.literal('velero.io/v1'),
  kind: z.literal('Restore'),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    annotations: z.record(z.string(), z.string()).nullish(),
    creationTimestamp: z.string().nullish(),
  }),
  spec: z.looseObject({
    backupName: z.string(),
    includedNamespaces: strings,
    excludedNamespaces: strings,
    includedResources: strings,
    excludedResources: strings,
    includeClusterResources: z.boolean().nullish(),
    namespaceMapping: z.record(z.string(), z.string()).nullish(),
    existingResourcePolicy: z.string().nullish(),
    restoreStatus: z.looseObject({ includedResources: strings }).nullish(),
  }),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      startTimestamp: z.string().nullish(),
      completionTimestamp: z.string().nullish(),
      errors: z.number().nullish(),
      warnings: z.number().nullish(),
      failureReason: z.string().nullish(),
      progress: z
        .looseObject({ totalItems: z.number().nullish(), itemsRestored: z.number().nullish() })
        .nullish(),
    })
    .default({}),
});

/** A Restore object. */
export type VeleroRestore = z.infer<typeof veleroRestoreSchema>;

/** What a Restore object records. */
export interface RestoreObjectInput {
  options: PlanOptions;
  phase: RestorePhase;
  started: Date;
  completed?: Date;
  counts: RestoreCounts;
  errors: number;
  warnings: number;
  targetServer: string;
  failureReason?: string;
}

/** Builds the Restore object as Velero would hold it for this restore. */
export function buildRestoreObject(input: RestoreObjectInput): VeleroRestore {
  const o = input.options;
  const spec: VeleroRestore['spec'] = {
    backupName: o.backupName,
    includedNamespaces: o.includeNamespaces?.length ? o.includeNamespaces : ['*'],
  };
  if (o.excludeNamespaces?.length) spec.excludedNamespaces = o.excludeNamespaces;
  if (o.includeResources?.length) spec.includedResources = o.includeResources;
  if (o.excludeResources?.length) spec.excludedResources = o.excludeResources;
  if (o.includeClusterResources !== undefined) spec.includeClusterResources = o.includeClusterResources;
  if (o.namespaceMapping && Object.keys(o.namespaceMapping).length)
    spec.namespaceMapping = o.namespaceMapping;
  if (o.labelSelector) spec.labelSelector = fromSelectorText(o.labelSelector);
  spec.existingResourcePolicy = o.existingResourcePolicy ?? 'none';
  if (o.restoreStatus?.length) spec.restoreStatus = { includedResources: o.restoreStatus };
  const status: VeleroRestore['status'] = {
    phase: input.phase,
    startTimestamp: rfc3339(input.started),
    progress: { totalItems: input.counts.total, itemsRestored: input.counts.created + input.counts.updated },
  };
  if (input.completed) status.completionTimestamp = rfc3339(input.completed);
  if (input.errors) status.errors = input.errors;
  if (input.warnings) status.warnings = input.warnings;
  if (input.failureReason) status.failureReason = input.failureReason;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: {
      name: o.restoreName,
      namespace: VELERO_NAMESPACE,
      creationTimestamp: rfc3339(input.started),
      annotations: { [TARGET_SERVER_ANNOTATION]: input.targetServer },
    },
    spec,
    status,
  };
}

/** Parses a stored Restore; throws format.invalid-json naming the problem. */
export function parseRestoreObject(data: Uint8Array): VeleroRestore {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (err) {
    throw new FormatError('format.invalid-json', 'restore object is not valid json', { cause: err });
  }
  const parsed = veleroRestoreSchema.safeParse(value);
  if (!parsed.success)
    throw new FormatError('format.invalid-json', `invalid restore object: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
