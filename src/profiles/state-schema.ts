/** The schema of a stored drift-state shard: what a shard must hold before the controller trusts it. */
import { z } from 'zod';
import type { ClusterState } from './state.js';

const change = z.looseObject({ path: z.string(), op: z.string() });

const record = z.looseObject({
  cluster: z.string(),
  profile: z.string(),
  key: z.string(),
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  status: z.enum(['InSync', 'Ignored', 'Pending', 'Drifted', 'Contested']),
  since: z.string().optional(),
  driftCount: z.number().int().nonnegative(),
  drift: z.enum(['in-sync', 'modified', 'missing']).optional(),
  lastDiff: z.array(change).optional(),
  lastDetectedAt: z.string().optional(),
  attribution: z.array(z.looseObject({ manager: z.string(), paths: z.array(z.string()) })).optional(),
  lastCorrection: z
    .looseObject({
      at: z.string(),
      by: z.enum(['auto', 'manual']),
      result: z.enum(['corrected', 'failed', 'still-drifted']),
    })
    .optional(),
  guard: z.looseObject({
    corrections: z.array(z.number()),
    contestedUntil: z.number().optional(),
    level: z.number().int().nonnegative(),
  }),
  appliedHash: z.string().optional(),
  message: z.string().optional(),
  updatedAt: z.string(),
});

/**
 * A shard: version 1, the cluster's record, the objects by key. Unknown fields are kept (a newer
 * version may add some); a field of the wrong type or a missing one refuses the whole shard, so a
 * damaged shard is reported and never half-read — and, being unreadable, never written over.
 */
export const clusterStateSchema: z.ZodType<ClusterState> = z.looseObject({
  version: z.literal(1),
  cluster: z.looseObject({
    id: z.string().min(1),
    reachable: z.boolean(),
    since: z.string(),
    lastError: z.string().optional(),
    profiles: z.array(z.string()),
    notes: z.array(z.string()).optional(),
    observedAt: z.string().optional(),
    watch: z.looseObject({ at: z.string(), intervalSeconds: z.number().positive() }).optional(),
  }),
  objects: z.record(z.string(), record),
}) as unknown as z.ZodType<ClusterState>;
