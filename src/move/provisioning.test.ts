import { describe, expect, it } from 'vitest';
import { type SrcOptions, src } from '../../test/support/move/objects.js';
import { discoverGraph } from './graph.js';
import { provisioningProblems } from './provisioning.js';

const READY_V1BETA1 = { infrastructureReady: true, controlPlaneReady: true };

describe('provisioning check before a move (clusterctl’s rule)', () => {
  const problems = (cluster: SrcOptions, machine?: SrcOptions, version = 'v1beta1') => {
    const c = src('Cluster', 'prod', cluster);
    c.object.apiVersion = `cluster.x-k8s.io/${version}`;
    const objects = [c, ...(machine ? [src('Machine', 'prod-m1', { ...machine, owners: [c] })] : [])];
    return provisioningProblems(discoverGraph(objects, new Set(['ns/prod']))).map((p) => p.message);
  };

  it.each<[string, SrcOptions, SrcOptions | undefined, string, string[]]>([
    [
      'a provisioned v1beta1 cluster with a running machine',
      { status: READY_V1BETA1 },
      { status: { nodeRef: { name: 'n1' } } },
      'v1beta1',
      [],
    ],
    [
      'a v1beta1 cluster without ready infrastructure',
      { status: { infrastructureReady: false } },
      undefined,
      'v1beta1',
      [
        'Cluster ns/prod is still provisioning its infrastructure: wait until it is provisioned, or leave its cluster out with --cluster',
      ],
    ],
    [
      'a v1beta1 cluster whose control plane is initialised but not ready',
      {
        spec: { controlPlaneRef: { kind: 'KubeadmControlPlane', name: 'prod' } },
        status: {
          infrastructureReady: true,
          controlPlaneReady: false,
          conditions: [{ type: 'ControlPlaneInitialized', status: 'True' }],
        },
      },
      undefined,
      'v1beta1',
      [
        'Cluster ns/prod has a control plane that is not ready yet: wait until it is provisioned, or leave its cluster out with --cluster',
      ],
    ],
    [
      'a v1beta2 cluster before its control plane is initialised',
      { status: { initialization: { infrastructureProvisioned: true } } },
      undefined,
      'v1beta2',
      [
        'Cluster ns/prod has no initialised control plane yet: wait until it is provisioned, or leave its cluster out with --cluster',
      ],
    ],
    [
      'a machine without a node',
      { status: READY_V1BETA1 },
      { status: { phase: 'Provisioning' } },
      'v1beta1',
      [
        'Machine ns/prod-m1 is still provisioning its node (no status.nodeRef): wait until it is provisioned, or leave its cluster out with --cluster',
      ],
    ],
    [
      'a provisioned v1beta2 cluster',
      { status: { initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true } } },
      { status: { nodeRef: { name: 'n1' } } },
      'v1beta2',
      [],
    ],
  ])('%s', (_name, cluster, machine, version, expected) => {
    expect(problems(cluster, machine, version)).toEqual(expected);
  });

  it('reads a v1beta1 status served as v1beta2 (no conversion webhook)', () => {
    expect(problems({ status: READY_V1BETA1 }, { status: { nodeRef: { name: 'n1' } } }, 'v1beta2')).toEqual(
      [],
    );
  });
});
