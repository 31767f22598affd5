// The agreement table of crds.test.ts: documents both zod and the API server must accept, and
// documents both must reject, with the field each rejection must name.
import { parse } from 'yaml';
import type { KubeObject } from '../../src/model/resource-key.js';
import { MANUAL_PROFILE } from '../support/drift-fixture.js';

/** A document both must accept. */
export interface ValidCase {
  name: string;
  doc: KubeObject;
}

/** A document both must reject, naming `field`. */
export interface InvalidCase extends ValidCase {
  field: string;
}

const BASE = parse(`apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: baseline}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  resources:
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: team-a}, data: {mode: strict}}
`) as KubeObject;

/** A valid profile named baseline, with spec fields replaced (undefined removes one). */
export function profile(spec: Record<string, unknown> = {}, name = 'baseline'): KubeObject {
  const merged = Object.entries({ ...(BASE.spec as object), ...spec }).filter(([, v]) => v !== undefined);
  return { ...BASE, metadata: { name }, spec: Object.fromEntries(merged) };
}

const cm = (name: string): object => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'a' },
});

// Profiles as the integration tests write them (drift-correction, drift-prune, drift-deploy).
const TEST_PROFILES = [
  MANUAL_PROFILE,
  `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: web}
spec:
  clusterSelector: {matchLabels: {env: prod}}
  tier: 10
  prune: true
  resources:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: team-a, labels: {app: web}}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "nginx:1.25", resources: {limits: {cpu: "0.5"}}}]}
  driftExclusions:
    - paths: [/spec/replicas]
  contestGuard: {maxCorrections: 2, windowSeconds: 60, backoffSeconds: 0.5, maxBackoffSeconds: 4}
`,
  `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: crds-first}
spec:
  clusters: [default/wc1, wc2]
  namespaces: [team-a]
  syncMode: Continuous
  resources:
    - path: manifests/
    - apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: gadgets.example.dev}
      spec: {group: example.dev, names: {kind: Gadget, plural: gadgets}, scope: Namespaced, versions: []}
`,
];

/** Profiles both must accept. */
export const VALID_PROFILES: ValidCase[] = [
  ...TEST_PROFILES.map((text) => {
    const doc = parse(text) as KubeObject;
    return { name: `the ${doc.metadata.name} profile of the drift tests`, doc };
  }),
  { name: 'an empty clusterSelector (every cluster)', doc: profile({ clusterSelector: {} }) },
  { name: 'clusters only', doc: profile({ clusterSelector: undefined, clusters: ['wc1'] }) },
  { name: 'a path entry', doc: profile({ resources: [{ path: 'manifests/web.yaml' }] }) },
  {
    name: 'every selector operator',
    doc: profile({
      clusterSelector: {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['gold'] },
          { key: 'x', operator: 'NotIn', values: [] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      },
    }),
  },
  {
    name: 'an exclusion with a full target',
    doc: profile({
      driftExclusions: [
        {
          paths: ['/spec/template/spec/containers/*/image', '/data/a~1b'],
          target: {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            namespace: 'a',
            name: 'w',
            labelSelector: 'x=y',
          },
        },
      ],
    }),
  },
  {
    name: 'tier 0 and every sync mode field',
    doc: profile({ tier: 0, syncMode: 'OneTime', correction: 'Auto' }),
  },
  { name: 'a 63-character name', doc: profile({}, 'a'.repeat(63)) },
];

/** Profiles both must reject, and the field each must name. */
export const INVALID_PROFILES: InvalidCase[] = [
  { name: 'an unknown sync mode', field: 'spec.syncMode', doc: profile({ syncMode: 'Sometimes' }) },
  { name: 'a lower-case correction', field: 'spec.correction', doc: profile({ correction: 'auto' }) },
  { name: 'no resources', field: 'spec.resources', doc: profile({ resources: undefined }) },
  { name: 'empty resources', field: 'spec.resources', doc: profile({ resources: [] }) },
  { name: 'a negative tier', field: 'spec.tier', doc: profile({ tier: -1 }) },
  { name: 'a tier that is a string', field: 'spec.tier', doc: profile({ tier: 'high' }) },
  { name: 'a fractional tier', field: 'spec.tier', doc: profile({ tier: 1.5 }) },
  { name: 'prune as a string', field: 'spec.prune', doc: profile({ prune: 'yes' }) },
  { name: 'clusters as a string', field: 'spec.clusters', doc: profile({ clusters: 'wc1' }) },
  { name: 'an empty cluster name', field: 'spec.clusters[0]', doc: profile({ clusters: [''] }) },
  {
    name: 'a namespace that is no DNS label',
    field: 'spec.namespaces[0]',
    doc: profile({ namespaces: ['Team_A'] }),
  },
  {
    name: 'an unknown selector operator',
    field: 'spec.clusterSelector.matchExpressions[0].operator',
    doc: profile({ clusterSelector: { matchExpressions: [{ key: 'a', operator: 'Maybe' }] } }),
  },
  {
    name: 'a selector expression without key',
    field: 'spec.clusterSelector.matchExpressions[0].key',
    doc: profile({ clusterSelector: { matchExpressions: [{ operator: 'Exists' }] } }),
  },
  {
    name: 'matchLabels with a number',
    field: 'spec.clusterSelector.matchLabels.env',
    doc: profile({ clusterSelector: { matchLabels: { env: 1 } } }),
  },
  {
    name: 'an exclusion path that is no JSON Pointer',
    field: 'spec.driftExclusions[0].paths[0]',
    doc: profile({ driftExclusions: [{ paths: ['spec/replicas'] }] }),
  },
  {
    name: 'an exclusion without paths',
    field: 'spec.driftExclusions[0].paths',
    doc: profile({ driftExclusions: [{ paths: [] }] }),
  },
  {
    name: 'a zero guard window',
    field: 'spec.contestGuard.windowSeconds',
    doc: profile({ contestGuard: { windowSeconds: 0 } }),
  },
  {
    name: 'a zero maxCorrections',
    field: 'spec.contestGuard.maxCorrections',
    doc: profile({ contestGuard: { maxCorrections: 0 } }),
  },
  { name: 'an empty path', field: 'spec.resources[0].path', doc: profile({ resources: [{ path: '' }] }) },
  {
    name: 'an inline manifest without kind',
    field: 'spec.resources[0]',
    doc: profile({ resources: [{ apiVersion: 'v1', metadata: { name: 'x' } }] }),
  },
  {
    name: 'a path entry with a kind',
    field: 'spec.resources[0]',
    doc: profile({ resources: [{ path: 'a.yaml', kind: 'ConfigMap' }] }),
  },
  {
    name: 'an inline manifest whose metadata has no name',
    field: 'spec.resources[0].metadata.name',
    doc: profile({ resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'a' } }] }),
  },
  {
    name: 'neither clusterSelector nor clusters',
    field: 'spec',
    doc: profile({ clusterSelector: undefined }),
  },
  { name: 'a name that is no DNS label', field: 'metadata.name', doc: profile({}, 'a.b') },
  { name: 'a name of 64 characters', field: 'metadata.name', doc: profile({}, 'a'.repeat(64)) },
  {
    name: 'a second resource wrong',
    field: 'spec.resources[1].kind',
    doc: profile({ resources: [cm('a'), { ...cm('b'), kind: '' }] }),
  },
];

const SCHEDULE = parse(`apiVersion: driftline.dev/v1alpha1
kind: BackupSchedule
metadata: {name: nightly, namespace: driftline-system}
spec:
  schedule: "0 2 * * *"
  template:
    preset: cluster-api
    includedNamespaces: ["*"]
    labelSelector: {matchExpressions: [{key: tier, operator: In, values: [gold]}]}
    ttl: 168h0m0s
  storage:
    location: s3://backups/mgmt
    s3:
      region: eu-west-1
      endpoint: https://minio.example:9000
      forcePathStyle: true
      credentialsSecretRef: {name: driftline-s3, key: cloud}
`) as KubeObject;

/** The example schedule with spec fields replaced. */
export function schedule(spec: Record<string, unknown>): KubeObject {
  return { ...SCHEDULE, spec: { ...(SCHEDULE.spec as object), ...spec } };
}

/** Schedules both must accept. */
export const VALID_SCHEDULES: ValidCase[] = [
  { name: 'the docs example', doc: SCHEDULE },
  {
    name: 'a local store and no template',
    doc: schedule({ template: undefined, storage: { location: '/var/backups' } }),
  },
  { name: 'paused, with a fractional ttl', doc: schedule({ paused: true, template: { ttl: '1.5h' } }) },
];

/** Schedules both must reject. */
export const INVALID_SCHEDULES: InvalidCase[] = [
  { name: 'no schedule', field: 'spec.schedule', doc: schedule({ schedule: undefined }) },
  { name: 'no storage', field: 'spec.storage', doc: schedule({ storage: undefined }) },
  {
    name: 'a ttl that is no duration',
    field: 'spec.template.ttl',
    doc: schedule({ template: { ttl: '7 days' } }),
  },
  {
    name: 'an unknown preset',
    field: 'spec.template.preset',
    doc: schedule({ template: { preset: 'everything' } }),
  },
  { name: 'paused as a string', field: 'spec.paused', doc: schedule({ paused: 'yes' }) },
  {
    name: 'a credentials reference without name',
    field: 'spec.storage.s3.credentialsSecretRef.name',
    doc: schedule({ storage: { location: 's3://b', s3: { credentialsSecretRef: { key: 'cloud' } } } }),
  },
];
