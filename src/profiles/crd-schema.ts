/** The DriftProfile CustomResourceDefinition: spec generated from the file format's zod schema, status written by serve (pure). */
import { z } from 'zod';
import { conditionsSchema, customResourceDefinition } from '../model/crd.js';
import type { KubeObject } from '../model/resource-key.js';
import { type JsonSchema, structuralFromZod } from '../model/structural-schema.js';
import { profileSchema } from './schema.js';

const count = z.int().min(0);

/** The status `driftline serve` writes on a DriftProfile: counts of targeted clusters by state. */
export const profileStatusSchema = z.strictObject({
  /** The metadata.generation the status describes. */
  observedGeneration: z.int().min(0).optional(),
  conditions: conditionsSchema.optional(),
  /** Clusters the profile targets. */
  clusters: count.optional(),
  /** Clusters where every declared object is as declared. */
  inSync: count.optional(),
  /** Clusters with at least one drifted object. */
  drifted: count.optional(),
  /** Clusters with an object another writer keeps reverting (correction backed off). */
  contested: count.optional(),
  /** Clusters that could not be reached. */
  unreachable: count.optional(),
});

/** A DriftProfile's status. */
export type ProfileStatus = z.infer<typeof profileStatusSchema>;

/** The DriftProfile CRD (cluster-scoped: profile names are unique, as in a profiles directory). */
export function driftProfileCrd(): KubeObject {
  return customResourceDefinition({
    kind: 'DriftProfile',
    plural: 'driftprofiles',
    shortNames: ['dp'],
    scope: 'Cluster',
    spec: withRefinements(structuralFromZod(profileSchema.shape.spec)),
    status: structuralFromZod(profileStatusSchema),
    name: profileSchema.shape.metadata.shape.name,
    printerColumns: [
      { name: 'Mode', type: 'string', jsonPath: '.spec.syncMode', description: 'sync mode' },
      { name: 'Correction', type: 'string', jsonPath: '.spec.correction', priority: 1 },
      { name: 'Clusters', type: 'integer', jsonPath: '.status.clusters', description: 'clusters targeted' },
      { name: 'In-Sync', type: 'integer', jsonPath: '.status.inSync', priority: 1 },
      { name: 'Drifted', type: 'integer', jsonPath: '.status.drifted', description: 'clusters with drift' },
      { name: 'Contested', type: 'integer', jsonPath: '.status.contested', priority: 1 },
      { name: 'Unreachable', type: 'integer', jsonPath: '.status.unreachable', priority: 1 },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    ],
  });
}

const INLINE = ['apiVersion', 'kind', 'metadata'];

// The structural twins of schema.ts's refine and superRefine, which JSON Schema cannot carry;
// test/integration/crds.test.ts proves the API server and zod agree on them.
function withRefinements(spec: JsonSchema): JsonSchema {
  const properties = spec.properties as Record<string, JsonSchema>;
  const resources = properties.resources as JsonSchema;
  const entry: JsonSchema = {
    ...(resources.items as JsonSchema),
    // A path entry and nothing else, or an inline manifest with apiVersion, kind and metadata.
    oneOf: [
      { required: ['path'], not: { anyOf: INLINE.map((f) => ({ required: [f] })) } },
      { required: INLINE, not: { required: ['path'] } },
    ],
  };
  return {
    ...spec,
    properties: { ...properties, resources: { ...resources, items: entry } },
    // clusterSelector and/or clusters.
    anyOf: [{ required: ['clusterSelector'] }, { required: ['clusters'] }],
  };
}
