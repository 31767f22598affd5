/** Tests of version choice against the target and the CRDs a restore brings. */
import { describe, expect, it } from 'vitest';
import { crd, itemOf, obj } from '../../test/support/restore/items.js';
import type { ApiResource } from '../adapters/kube/discovery.js';
import type { BackupItem } from '../format/index.js';
import { chooseVersion, pendingCrds } from './versions.js';

const copy = (version: string, preferred: boolean): BackupItem =>
  itemOf(obj(`cluster.x-k8s.io/${version}`, 'Machine', 'ns', 'm'), {
    version,
    preferred,
    resource: 'machines',
  });

const served = (version: string, preferred = true): ApiResource => ({
  group: 'cluster.x-k8s.io',
  version,
  resource: 'machines',
  kind: 'Machine',
  namespaced: true,
  verbs: ['create'],
  preferred,
  shortNames: [],
});

describe('choosing the version to restore', () => {
  it.each<[string, BackupItem[], ApiResource[], string]>([
    [
      'takes the target’s preferred version when the backup holds it',
      [copy('v1beta1', true), copy('v1beta2', false)],
      [served('v1beta1', false), served('v1beta2')],
      'v1beta2',
    ],
    [
      'else the backup’s preferred copy when the target serves it',
      [copy('v1beta1', true), copy('v1alpha4', false)],
      [served('v1beta1', false), served('v1beta2')],
      'v1beta1',
    ],
    [
      'else any copy the target serves',
      [copy('v1beta2', true), copy('v1alpha4', false)],
      [served('v1alpha4')],
      'v1alpha4',
    ],
  ])('%s', (_name, copies, target, version) => {
    const choice = chooseVersion(copies, target, new Map());
    expect('item' in choice && choice.item.version).toBe(version);
  });

  it('counts versions a restored CRD will serve', () => {
    const pending = pendingCrds([crd('cluster.x-k8s.io', 'Machine', ['v1beta1'])], [], 'none');
    const choice = chooseVersion([copy('v1beta1', true)], [], pending);
    expect('resource' in choice && choice.resource).toMatchObject({
      version: 'v1beta1',
      namespaced: true,
      kind: 'Machine',
    });
  });

  it.each([
    ['creates a CRD the target lacks', [], 'none', true],
    ['leaves an existing CRD alone under policy none', [served('v1beta2')], 'none', false],
    ['updates an existing CRD under policy update', [served('v1beta2')], 'update', true],
  ] as const)('%s', (_name, target, policy, pending) => {
    expect(
      pendingCrds([crd('cluster.x-k8s.io', 'Machine', ['v1beta1'])], target, policy).has(
        'machines.cluster.x-k8s.io',
      ),
    ).toBe(pending);
  });
});
