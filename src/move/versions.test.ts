/** Tests of which types a move reads and the version each is read and written in. */
import { describe, expect, it } from 'vitest';
import type { ApiResource } from '../adapters/kube/discovery.js';
import { chooseVersions, movability } from './versions.js';

const api = (
  group: string,
  resource: string,
  version: string,
  preferred = true,
  extra: Partial<ApiResource> = {},
) =>
  ({
    group,
    version,
    resource,
    kind: resource,
    namespaced: true,
    verbs: ['list', 'get', 'create', 'delete', 'patch'],
    preferred,
    shortNames: [],
    ...extra,
  }) as ApiResource;

describe('movable types', () => {
  it.each<[string, ApiResource, boolean | string]>([
    ['Cluster API kinds', api('cluster.x-k8s.io', 'clusters', 'v1beta1'), true],
    ['provider kinds', api('infrastructure.cluster.x-k8s.io', 'vsphereclusters', 'v1beta1'), true],
    ['Secrets', api('', 'secrets', 'v1'), true],
    ['ConfigMaps', api('', 'configmaps', 'v1'), true],
    ['other custom resources', api('run.tanzu.vmware.com', 'tkgclusters', 'v1'), true],
    ['Pods', api('', 'pods', 'v1'), 'a built-in resource other than secrets and configmaps'],
    ['built-in groups', api('apps', 'deployments', 'v1'), 'a built-in api group'],
    ['built-in k8s.io groups', api('networking.k8s.io', 'ingresses', 'v1'), 'a built-in api group'],
    [
      'cluster-scoped Cluster API kinds (identities)',
      api('infrastructure.cluster.x-k8s.io', 'vsphereclusteridentities', 'v1beta1', true, {
        namespaced: false,
      }),
      true,
    ],
    [
      'other cluster-scoped resources',
      api('example.com', 'things', 'v1', true, { namespaced: false }),
      'cluster-scoped outside the Cluster API groups',
    ],
    [
      'read-only resources',
      api('metrics.example.com', 'pods', 'v1', true, { verbs: ['list', 'get'] }),
      'does not allow create, delete, patch',
    ],
  ])('%s', (_name, resource, expected) => {
    const verdict = movability(resource);
    expect(verdict.movable ? true : verdict.reason).toBe(expected);
  });
});

describe('version choices', () => {
  const choose = (source: ApiResource[], target: ApiResource[]) => {
    const [choice] = chooseVersions(source, target);
    return 'problem' in choice!
      ? { list: choice.list.version, problem: choice.problem }
      : { list: choice!.list.version, target: choice!.target.version };
  };
  const G = 'cluster.x-k8s.io';

  it.each<[string, ApiResource[], ApiResource[], object]>([
    [
      'the same version on both sides',
      [api(G, 'machines', 'v1beta1')],
      [api(G, 'machines', 'v1beta1')],
      { list: 'v1beta1', target: 'v1beta1' },
    ],
    [
      "the target's preferred version when the source serves it",
      [api(G, 'machines', 'v1beta1'), api(G, 'machines', 'v1beta2', false)],
      [api(G, 'machines', 'v1beta1', false), api(G, 'machines', 'v1beta2')],
      { list: 'v1beta2', target: 'v1beta2' },
    ],
    [
      "the source's preferred version when the target's is not served there",
      [api(G, 'machines', 'v1beta1')],
      [api(G, 'machines', 'v1beta1', false), api(G, 'machines', 'v1beta2')],
      { list: 'v1beta1', target: 'v1beta1' },
    ],
    [
      'a problem when the target lacks the CRD',
      [api(G, 'machines', 'v1beta1')],
      [],
      {
        list: 'v1beta1',
        problem: `the target does not serve machines.${G}: install its CRD in the target first`,
      },
    ],
    [
      'a problem when no version is served on both sides',
      [api(G, 'machines', 'v1beta1')],
      [api(G, 'machines', 'v1beta2')],
      { list: 'v1beta1', problem: `the target serves machines.${G} in v1beta2 but the source in v1beta1` },
    ],
  ])('%s', (_name, source, target, expected) => {
    expect(choose(source, target)).toEqual(expected);
  });

  it('skips types a move does not read', () => {
    expect(chooseVersions([api('', 'pods', 'v1')], [api('', 'pods', 'v1')])).toEqual([]);
  });
});
