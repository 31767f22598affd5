/** The zod schema of a metav1.LabelSelector object (matchLabels, matchExpressions), unknown fields refused (pure). */
import { z } from 'zod';

/** The operators a LabelSelector requirement may use. */
export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** A LabelSelector as written in a Driftline document (profiles.md, crds.md). */
export const labelSelectorObjectSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        operator: z.enum(SELECTOR_OPERATORS),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
