/** The DriftProfile document schema (zod), `apiVersion: driftline.dev/v1alpha1` (pure). */
import { z } from 'zod';
import { API_VERSION } from '../model/vocabulary.js';

/** The API version and kind every profile document carries. */
export const PROFILE_API_VERSION = API_VERSION;
/** The kind of a profile document. */
export const PROFILE_KIND = 'DriftProfile';

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'must be a DNS label (lower-case letters, digits, -)' })
  .max(63);

const selectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

const resourceEntry = z
  .looseObject({
    path: z.string().min(1).optional(),
    apiVersion: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().min(1).optional() }).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.path !== undefined) {
      if (Object.keys(entry).length > 1)
        ctx.addIssue({ code: 'custom', message: 'a path entry takes no other fields' });
      return;
    }
    for (const field of ['apiVersion', 'kind', 'metadata'] as const) {
      if (entry[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `an inline manifest needs ${field} (or give a path: to a file or directory)`,
        });
    }
  });

const pointer = z.string().regex(/^(\/[^/]*)+$/, { error: 'must be a JSON Pointer such as /spec/replicas' });

const exclusionSchema = z.strictObject({
  paths: z.array(pointer).min(1),
  target: z
    .strictObject({
      group: z.string().optional(),
      version: z.string().optional(),
      kind: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
      labelSelector: z.string().optional(),
    })
    .optional(),
});

const guardSchema = z.strictObject({
  maxCorrections: z.number().int().min(1).optional(),
  windowSeconds: z.number().positive().optional(),
  backoffSeconds: z.number().positive().optional(),
  maxBackoffSeconds: z.number().positive().optional(),
});

/** The schema of one DriftProfile document. */
export const profileSchema = z.strictObject({
  apiVersion: z.literal(PROFILE_API_VERSION),
  kind: z.literal(PROFILE_KIND),
  metadata: z.looseObject({ name: dnsLabel }),
  spec: z
    .strictObject({
      clusterSelector: selectorSchema.optional(),
      clusters: z.array(z.string().min(1)).optional(),
      namespaces: z.array(dnsLabel).optional(),
      resources: z.array(resourceEntry).min(1),
      syncMode: z.enum(['OneTime', 'Continuous', 'ContinuousWithDriftDetection', 'DryRun']).optional(),
      correction: z.enum(['Auto', 'Manual']).optional(),
      driftExclusions: z.array(exclusionSchema).optional(),
      tier: z.number().int().min(0).optional(),
      contestGuard: guardSchema.optional(),
      prune: z.boolean().optional(),
    })
    .refine((spec) => spec.clusterSelector !== undefined || spec.clusters !== undefined, {
      error: 'set clusterSelector and/or clusters (an empty clusterSelector {} matches every cluster)',
    }),
});

/** A profile document as written (before paths are resolved). */
export type ProfileDocument = z.infer<typeof profileSchema>;
