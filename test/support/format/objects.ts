/** Kubernetes object builders for format tests. */
import type { KubeObject } from '../../../src/model/resource-key.js';

/** A core/v1 Secret with one data key. */
export function secret(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'Opaque',
    data: { value: 'aGk=' },
  };
}

/** A cluster-scoped core/v1 Namespace. */
export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: { phase: 'Active' } };
}

/** A Cluster API Cluster in `version` (v1beta1 by default). */
export function capiCluster(namespace: string, name: string, version = 'v1beta1'): KubeObject {
  return {
    apiVersion: `cluster.x-k8s.io/${version}`,
    kind: 'Cluster',
    metadata: { name, namespace, labels: { 'cluster.x-k8s.io/cluster-name': name } },
    spec: { paused: false, controlPlaneEndpoint: { host: '10.0.0.1', port: 6443 } },
    status: { phase: 'Provisioned' },
  };
}
