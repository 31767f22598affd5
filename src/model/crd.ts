/** Builds Driftline's CustomResourceDefinitions (apiextensions.k8s.io/v1) from zod schemas, and the standard Condition (pure). */
import { z } from 'zod';
import type { KubeObject } from './resource-key.js';
import { type JsonSchema, structuralFromZod } from './structural-schema.js';
import { API_VERSION, DOMAIN } from './vocabulary.js';

/** The version every Driftline kind is served and stored in. */
export const CRD_VERSION = API_VERSION.slice(DOMAIN.length + 1);

/** The category `kubectl get driftline` lists. */
export const CRD_CATEGORY = 'driftline';

/** metav1.Condition, with the API server's own limits, as a list keyed by `type`. */
export const conditionSchema = z.strictObject({
  type: z
    .string()
    .max(316)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
    ),
  status: z.enum(['True', 'False', 'Unknown']),
  observedGeneration: z.int().min(0).optional(),
  lastTransitionTime: z.iso.datetime({ offset: true }),
  reason: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/),
  message: z.string().max(32768),
});

/** A list of conditions, merged by `type` (server-side apply treats it as a map). */
export const conditionsSchema = z
  .array(conditionSchema)
  .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] });

/** A condition as written to status. */
export type Condition = z.infer<typeof conditionSchema>;

/** One column of `kubectl get`. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  /** 0 shows in `kubectl get`; higher only with `-o wide`. */
  priority?: number;
}

/** What one Driftline kind needs to become a CRD. */
export interface KindDefinition {
  kind: string;
  plural: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  /** The structural schema of `spec` (see structuralFromZod). */
  spec: JsonSchema;
  /** The structural schema of `status`, written through the status subresource. */
  status: JsonSchema;
  /** The schema of `metadata.name` (the only metadata field a CRD may restrict). */
  name?: z.ZodString;
  printerColumns: PrinterColumn[];
}

/** The CustomResourceDefinition of `def` in the driftline.dev group, with a status subresource. */
export function customResourceDefinition(def: KindDefinition): KubeObject {
  const properties: Record<string, unknown> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: def.name
      ? { type: 'object', properties: { name: structuralFromZod(def.name) } }
      : { type: 'object' },
    spec: def.spec,
    status: def.status,
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${DOMAIN}` },
    spec: {
      group: DOMAIN,
      scope: def.scope,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.kind.toLowerCase(),
        shortNames: def.shortNames,
        categories: [CRD_CATEGORY],
      },
      versions: [
        {
          name: CRD_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            ...def.printerColumns,
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: { openAPIV3Schema: { type: 'object', required: ['spec'], properties } },
        },
      ],
    },
  };
}
