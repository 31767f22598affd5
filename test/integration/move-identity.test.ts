// A cluster-scoped identity (VSphereClusterIdentity) referenced by a moved cluster's VSphereCluster
// is copied to the target and kept in the source, where a cluster that stays still uses it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import { type MoveEnv, move, startMoveEnv } from '../support/move-fixture.js';
import { seedClusters } from '../support/seed-capi.js';

const IDENTITY: KubeObject = {
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
  kind: 'VSphereClusterIdentity',
  metadata: { name: 'shared-vcenter' },
  spec: { secretName: 'shared-vcenter-creds', allowedNamespaces: { selector: { matchLabels: {} } } },
};
let m: MoveEnv;
let identities: ResourceRef;

beforeAll(async () => {
  m = await startMoveEnv();
  await m.env.create('source', [IDENTITY]);
  const clusters = ['team-a', 'team-b'].map((ns) => ({ namespace: ns, name: `${ns}-wc`, controlPlane: 1 }));
  await seedClusters(m.env, 'source', clusters, {
    withStatus: true,
    adjust: (body) => {
      if (body.kind === 'VSphereCluster')
        (body.spec as Record<string, unknown>).identityRef = {
          kind: 'VSphereClusterIdentity',
          name: 'shared-vcenter',
        };
    },
  });
  identities = await m.source.resolve({
    group: 'infrastructure.cluster.x-k8s.io',
    kind: 'VSphereClusterIdentity',
  });
});

afterAll(async () => {
  await m?.env.stop();
});

it('plans the identity as a copy kept in the source', async () => {
  const result = await move(m.kube, '-n', 'team-a', '--dry-run');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(
    /VSphereClusterIdentity shared-vcenter\s+← referenced by VSphereCluster team-a\/team-a-wc/,
  );
  expect(result.stdout).toContain('cluster-scoped: clusters in namespaces that are not moved may use it');
  expect(result.stdout).toContain(
    "warning: VSphereClusterIdentity shared-vcenter names Secret shared-vcenter-creds in its provider's namespace, which is not moved",
  );
});

it('copies the identity to the target and leaves it in the source', async () => {
  const result = await move(m.kube, '-n', 'team-a', '--name', 'with-identity');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const copied = await m.target.get(identities, '', 'shared-vcenter');
  expect(copied?.spec).toEqual(IDENTITY.spec);
  expect(copied?.metadata.labels?.['driftline.dev/move']).toBe('with-identity');
  const kept = await m.source.get(identities, '', 'shared-vcenter');
  expect(kept?.metadata.deletionTimestamp).toBeUndefined();
  const vsphereClusters = await m.source.resolve({
    group: 'infrastructure.cluster.x-k8s.io',
    kind: 'VSphereCluster',
  });
  expect(await m.source.get(vsphereClusters, 'team-b', 'team-b-wc')).toBeDefined();
});
