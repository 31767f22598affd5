/** Tests of owner-reference rewriting and the uid map. */
import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '../model/resource-key.js';
import { type OwnerResolution, rewriteOwnerReferences, UidMap } from './owners.js';
import type { PlannedObject } from './types.js';

function planned(refs: OwnerReference[]): PlannedObject {
  const key = {
    group: 'cluster.x-k8s.io',
    version: 'v1beta1',
    kind: 'MachineSet',
    namespace: 'ns',
    name: 'ms',
  };
  return {
    id: 'cluster.x-k8s.io/MachineSet/ns/ms',
    source: key,
    target: key,
    resource: {
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      resource: 'machinesets',
      kind: 'MachineSet',
      namespaced: true,
    },
    object: {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineSet',
      metadata: { name: 'ms', namespace: 'ns', ownerReferences: refs },
    },
    owners: [],
  };
}

const MD: OwnerReference = {
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'MachineDeployment',
  name: 'md',
  uid: 'old-md',
  controller: true,
  blockOwnerDeletion: true,
};
const CLUSTER: OwnerReference = {
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'Cluster',
  name: 'c',
  uid: 'old-c',
  controller: false,
};

describe('rewriting owner references', () => {
  it.each<[string, OwnerReference[], OwnerResolution[], unknown]>([
    [
      'gives every reference its owner’s new uid and keeps controller and blockOwnerDeletion',
      [MD, CLUSTER],
      [{ uid: 'new-md' }, { uid: 'new-c' }],
      {
        refs: [
          { ...MD, uid: 'new-md' },
          { ...CLUSTER, uid: 'new-c' },
        ],
        dropped: [],
      },
    ],
    [
      'drops a reference whose owner exists nowhere, so the garbage collector keeps the object',
      [MD, CLUSTER],
      [{ uid: 'new-md' }, { missing: 'not in the backup nor in the target' }],
      { refs: [{ ...MD, uid: 'new-md' }], dropped: ['Cluster c (not in the backup nor in the target)'] },
    ],
    [
      'removes ownerReferences entirely when every owner is missing',
      [CLUSTER],
      [{ missing: 'gone' }],
      { refs: undefined, dropped: ['Cluster c (gone)'] },
    ],
    [
      'blocks the object when an owner failed to restore',
      [MD],
      [{ failed: 'denied' }],
      { blocked: 'owner MachineDeployment md was not restored: denied' },
    ],
  ])('%s', (_name, refs, resolutions, expected) => {
    const result = rewriteOwnerReferences(planned(refs), resolutions);
    if ('blocked' in result) expect(result).toEqual(expected);
    else expect({ refs: result.object.metadata.ownerReferences, dropped: result.dropped }).toEqual(expected);
  });

  it('never changes the planned object itself', () => {
    const p = planned([MD]);
    rewriteOwnerReferences(p, [{ uid: 'new-md' }]);
    expect(p.object.metadata.ownerReferences).toEqual([MD]);
  });
});

describe('the uid map', () => {
  it.each<[string, (m: UidMap) => void, OwnerResolution | undefined]>([
    ['resolves a restored owner to its new uid', (m) => m.set('o', 'u1'), { uid: 'u1' }],
    ['reports a failed owner', (m) => m.fail('o', 'denied'), { failed: 'denied' }],
    [
      'prefers a later success over an earlier failure',
      (m) => {
        m.fail('o', 'x');
        m.set('o', 'u2');
      },
      { uid: 'u2' },
    ],
    ['knows nothing of an owner not processed yet', () => undefined, undefined],
  ])('%s', (_name, setup, expected) => {
    const map = new UidMap();
    setup(map);
    expect(map.resolvePlanned({ index: 0, kind: 'planned', ownerId: 'o' })).toEqual(expected);
  });
});
