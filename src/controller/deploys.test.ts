import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { type DesiredObject, desiredSet } from '../profiles/desired.js';
import { DEFAULT_GUARD, type Profile } from '../profiles/types.js';
import { awaitingDeclaredCrds, deployWaves } from './deploys.js';
import type { Target } from './reconciler.js';

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  extra: Partial<KubeObject> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata: {
    name,
    ...(kind === 'Namespace' || kind === 'CustomResourceDefinition' ? {} : { namespace: 'a' }),
  },
  ...extra,
});

const crd = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {
  spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' } },
});

function desired(objects: KubeObject[]): Map<string, DesiredObject> {
  const profile: Profile = {
    name: 'p',
    file: 'p.yaml',
    resources: objects.map((object, i) => ({ object, origin: { file: 'p.yaml', document: 0, path: [i] } })),
    syncMode: 'ContinuousWithDriftDetection',
    correction: 'Auto',
    exclusions: [],
    tier: 100,
    guard: DEFAULT_GUARD,
  };
  return desiredSet([profile]).objects;
}

const RESOURCES: Record<string, [string, string]> = {
  CustomResourceDefinition: ['customresourcedefinitions', 'apiextensions.k8s.io'],
  Namespace: ['namespaces', ''],
  ConfigMap: ['configmaps', ''],
  Deployment: ['deployments', 'apps'],
  Widget: ['widgets', 'example.com'],
};

const targets = (objects: KubeObject[]): Target[] =>
  [...desired(objects).values()].map((d) => {
    const [resource, group] = RESOURCES[d.object.kind]!;
    return { desired: d, ref: { group, version: 'v1', resource, namespaced: d.object.kind !== 'Namespace' } };
  });

describe('deployWaves', () => {
  it('deploys CRDs, then Namespaces, then ConfigMaps, then workloads and custom resources', () => {
    const waves = deployWaves(
      targets([
        obj('apps/v1', 'Deployment', 'web'),
        obj('example.com/v1', 'Widget', 'w'),
        obj('v1', 'ConfigMap', 'c'),
        obj('v1', 'Namespace', 'a'),
        crd,
      ]),
    );
    expect(waves.map((w) => w.map((t) => t.desired.object.kind))).toEqual([
      ['CustomResourceDefinition'],
      ['Namespace'],
      ['ConfigMap'],
      ['Deployment', 'Widget'],
    ]);
  });
});

describe('awaitingDeclaredCrds', () => {
  it('names the unserved objects whose CRD the same profiles declare, not the others', () => {
    const objects = desired([crd, obj('example.com/v1', 'Widget', 'w'), obj('other.io/v1', 'Gadget', 'g')]);
    const unserved = [...objects.keys()].filter((k) => !k.includes('CustomResourceDefinition'));
    expect(
      awaitingDeclaredCrds(
        unserved.map((key) => ({ key })),
        objects,
      ),
    ).toEqual(['example.com/Widget/a/w']);
  });
});
