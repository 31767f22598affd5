import { describe, expect, it } from 'vitest';
import { clusterNamedIn } from './capi-names.js';

describe('clusterNamedIn', () => {
  const clusters = new Set(['prod-1', 'prod-1-user']);
  it.each([
    ['prod-1-kubeconfig', 'prod-1'],
    ['prod-1-apiserver-etcd-client', 'prod-1'],
    ['prod-1-ssh', 'prod-1'],
    ['prod-1-user-kubeconfig', 'prod-1-user'],
    ['prod-2-kubeconfig', undefined],
    ['prod-1-settings', undefined],
  ])('names %s after %s', (name, cluster) => {
    expect(clusterNamedIn(name, (c) => clusters.has(c))).toBe(cluster);
  });
});
