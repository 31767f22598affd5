/** Checks the project's lab CRDs are well formed and agree with the upstream CRDs they stand in for. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../model/resource-key.js';
import { loadProjectCrds } from './index.js';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: Record<string, unknown>;
  schema: { openAPIV3Schema: { properties: Record<string, Record<string, unknown>> } };
}

interface CrdSpec {
  group: string;
  scope: string;
  names: { kind: string; plural: string; singular: string; listKind: string; shortNames?: string[] };
  conversion?: { strategy: string };
  versions: CrdVersion[];
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const UPSTREAM_DIR = join(REPO_ROOT, '../shared/fixtures/crds');
const UPSTREAM_PRESENT = existsSync(UPSTREAM_DIR);
const SKIP_NOTE = UPSTREAM_PRESENT ? '' : ` (skipped: ${UPSTREAM_DIR} is absent)`;

const CAPI_VERSIONS = ['v1beta1', 'v1beta2'];

const EXPECTED: Array<[group: string, kinds: string[]]> = [
  [
    'cluster.x-k8s.io',
    [
      'Cluster',
      'ClusterClass',
      'Machine',
      'MachineSet',
      'MachineDeployment',
      'MachineHealthCheck',
      'MachinePool',
    ],
  ],
  ['controlplane.cluster.x-k8s.io', ['KubeadmControlPlane', 'KubeadmControlPlaneTemplate']],
  ['bootstrap.cluster.x-k8s.io', ['KubeadmConfig', 'KubeadmConfigTemplate']],
  [
    'infrastructure.cluster.x-k8s.io',
    ['VSphereCluster', 'VSphereMachine', 'VSphereMachineTemplate', 'VSphereVM', 'VSphereClusterIdentity'],
  ],
  ['addons.cluster.x-k8s.io', ['ClusterResourceSet', 'ClusterResourceSetBinding']],
  ['ipam.cluster.x-k8s.io', ['IPAddress', 'IPAddressClaim']],
];

function specOf(crd: KubeObject): CrdSpec {
  return crd.spec as CrdSpec;
}

function idOf(spec: CrdSpec): string {
  return `${spec.names.kind}.${spec.group}`;
}

function loadUpstream(dir: string): Map<string, CrdSpec> {
  const byId = new Map<string, CrdSpec>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.yaml')) continue;
    for (const doc of parseAllDocuments(readFileSync(join(dir, entry), 'utf8'))) {
      const crd = doc.toJS() as KubeObject | null;
      if (crd?.kind === 'CustomResourceDefinition') byId.set(idOf(specOf(crd)), specOf(crd));
    }
  }
  return byId;
}

const project = loadProjectCrds().map(specOf);
const upstream = UPSTREAM_PRESENT ? loadUpstream(UPSTREAM_DIR) : new Map<string, CrdSpec>();
const rows = project.map((spec): [string, CrdSpec] => [idOf(spec), spec]);

function upstreamOf(spec: CrdSpec): CrdSpec {
  const found = upstream.get(idOf(spec));
  if (!found) throw new Error(`no upstream crd for ${idOf(spec)} in ${UPSTREAM_DIR}`);
  return found;
}

describe('project CRDs', () => {
  it('define exactly the Cluster API and CAPV kinds the tests use, one file each', () => {
    const actual = project.map(idOf).sort();
    const expected = EXPECTED.flatMap(([group, kinds]) => kinds.map((kind) => `${kind}.${group}`)).sort();
    expect(actual).toEqual(expected);
  });

  it.each(rows)('%s serves v1beta1 (storage) and v1beta2 with conversion None', (_id, spec) => {
    expect(spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([
      [CAPI_VERSIONS[0], true, true],
      [CAPI_VERSIONS[1], true, false],
    ]);
    expect(spec.conversion).toEqual({ strategy: 'None' });
  });

  it.each(rows)('%s keeps spec and status open in every version', (_id, spec) => {
    for (const version of spec.versions) {
      const props = version.schema.openAPIV3Schema.properties;
      for (const field of ['spec', 'status']) {
        expect(props[field], `${version.name}.${field}`).toEqual({
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        });
      }
    }
  });
});

describe(`project CRDs against upstream ${UPSTREAM_DIR}${SKIP_NOTE}`, () => {
  it.skipIf(!UPSTREAM_PRESENT).each(rows)('%s has the upstream group, names and scope', (_id, spec) => {
    const theirs = upstreamOf(spec);
    expect({ group: spec.group, scope: spec.scope, names: spec.names }).toEqual({
      group: theirs.group,
      scope: theirs.scope,
      names: theirs.names,
    });
  });

  it.skipIf(!UPSTREAM_PRESENT).each(rows)('%s serves only versions upstream serves', (_id, spec) => {
    const served = new Set(
      upstreamOf(spec)
        .versions.filter((v) => v.served)
        .map((v) => v.name),
    );
    const missing = spec.versions.filter((v) => v.served && !served.has(v.name)).map((v) => v.name);
    expect(missing).toEqual([]);
  });

  it.skipIf(!UPSTREAM_PRESENT).each(rows)(
    '%s has the upstream status and scale subresources',
    (_id, spec) => {
      const theirs = new Map(upstreamOf(spec).versions.map((v) => [v.name, v.subresources ?? {}]));
      for (const version of spec.versions) {
        expect(version.subresources ?? {}, version.name).toEqual(theirs.get(version.name));
      }
    },
  );
});
