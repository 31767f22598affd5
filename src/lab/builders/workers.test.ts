/** MachineDeployment, MachineSet and MachineHealthCheck builders. */
import { describe, expect, it } from 'vitest';
import { machineHealthCheck } from './health-check.js';
import { machineDeployment, machineSet } from './workers.js';

describe('machineDeployment', () => {
  it.each([
    {
      version: 'v1beta1' as const,
      ref: { apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1', namespace: 'prod' },
    },
    { version: 'v1beta2' as const, ref: { apiGroup: 'bootstrap.cluster.x-k8s.io' } },
  ])('a $version deployment refers to its templates in the $version shape', ({ version, ref }) => {
    const spec = machineDeployment('prod', 'wc1-md-0', version).cluster('wc1').build().spec as {
      template: { spec: { bootstrap: { configRef: object } } };
    };
    expect(spec.template.spec.bootstrap.configRef).toEqual({
      ...ref,
      kind: 'KubeadmConfigTemplate',
      name: 'wc1-md-0',
    });
  });

  it('selects and labels its machines by cluster and deployment name', () => {
    const obj = machineDeployment('prod', 'wc1-md-0').cluster('wc1').replicas(4).build();
    const labels = { 'cluster.x-k8s.io/cluster-name': 'wc1', 'cluster.x-k8s.io/deployment-name': 'wc1-md-0' };
    expect(obj.spec).toMatchObject({
      clusterName: 'wc1',
      replicas: 4,
      selector: { matchLabels: labels },
      template: { metadata: { labels } },
    });
    expect(obj.status).toMatchObject({ replicas: 4, readyReplicas: 4, phase: 'Running' });
  });

  it('builds independent copies whose selector and template labels do not alias', () => {
    const obj = machineDeployment('prod', 'wc1-md-0').cluster('wc1').build();
    const spec = obj.spec as {
      selector: { matchLabels: object };
      template: { metadata: { labels: object } };
    };
    expect(spec.selector.matchLabels).not.toBe(spec.template.metadata.labels);
  });
});

describe('machineSet', () => {
  it('carries the deployment and template-hash labels and follows the deployment templates', () => {
    const obj = machineSet('prod', 'wc1-md-0-7c9d8f5b4x')
      .cluster('wc1')
      .deployment('wc1-md-0')
      .templateHash('42')
      .build();
    expect(obj.metadata.labels).toEqual({
      'cluster.x-k8s.io/cluster-name': 'wc1',
      'cluster.x-k8s.io/deployment-name': 'wc1-md-0',
      'machine-template-hash': '42',
    });
    expect(obj.spec).toMatchObject({
      template: { spec: { infrastructureRef: { kind: 'VSphereMachineTemplate', name: 'wc1-md-0' } } },
    });
  });
});

describe('machineHealthCheck', () => {
  it.each([
    { version: 'v1beta1' as const, field: 'unhealthyConditions' },
    { version: 'v1beta2' as const, field: 'checks' },
  ])('a $version health check states its conditions under $field', ({ version, field }) => {
    const spec = machineHealthCheck('prod', 'wc1-md-0', version)
      .cluster('wc1')
      .selector({ 'cluster.x-k8s.io/deployment-name': 'wc1-md-0' })
      .build().spec as Record<string, unknown>;
    expect(spec).toHaveProperty(field);
    expect(spec).toMatchObject({
      clusterName: 'wc1',
      selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': 'wc1-md-0' } },
    });
  });
});
