/** The pause rules: spec.paused and the annotation, v1beta1 and v1beta2, idempotent, someone else's hold respected. */
import { describe, expect, it } from 'vitest';
import { MemoryTarget } from '../../test/support/memory-target.js';
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import { CAPI_PAUSED_ANNOTATION, pausedBy } from '../model/capi-pause.js';
import type { KubeObject } from '../model/resource-key.js';
import { setPaused } from './pause.js';

const clusters: ResourceRef = {
  group: 'cluster.x-k8s.io',
  version: 'v1beta1',
  resource: 'clusters',
  namespaced: true,
};
const KEY = { namespace: 'ns', name: 'wc1' };

function cluster(
  version: 'v1beta1' | 'v1beta2',
  spec: Record<string, unknown>,
  annotated = false,
): KubeObject {
  return {
    apiVersion: `cluster.x-k8s.io/${version}`,
    kind: 'Cluster',
    metadata: {
      name: 'wc1',
      namespace: 'ns',
      ...(annotated && { annotations: { [CAPI_PAUSED_ANNOTATION]: '' } }),
    },
    spec,
  };
}

describe('how a cluster is paused', () => {
  it.each([
    ['spec.paused in v1beta1', cluster('v1beta1', { paused: true }), 'spec.paused: true'],
    ['spec.paused in v1beta2', cluster('v1beta2', { paused: true }), 'spec.paused: true'],
    [
      'the annotation, even with an empty value',
      cluster('v1beta2', {}, true),
      `annotation ${CAPI_PAUSED_ANNOTATION}`,
    ],
    ['spec.paused false', cluster('v1beta1', { paused: false }), undefined],
    ['nothing', cluster('v1beta1', {}), undefined],
  ])('%s', (_, object, expected) => {
    expect(pausedBy(object)).toBe(expected);
  });
});

describe('setting the pause', () => {
  it('pauses a running cluster, then finds it unchanged', async () => {
    const target = new MemoryTarget();
    target.seed(clusters, cluster('v1beta1', {}));
    expect((await setPaused(target, clusters, KEY, true)).result).toBe('changed');
    expect((await setPaused(target, clusters, KEY, true)).result).toBe('unchanged');
    expect(target.calls.filter((c) => c.startsWith('patch'))).toHaveLength(1);
  });

  it('treats a cluster held by the annotation as already paused', async () => {
    const target = new MemoryTarget();
    target.seed(clusters, cluster('v1beta2', {}, true));
    expect((await setPaused(target, clusters, KEY, true)).result).toBe('unchanged');
    expect(target.calls).toEqual(['get wc1']);
  });

  it("unpauses spec.paused but reports the annotation's hold, leaving it in place", async () => {
    const target = new MemoryTarget();
    target.seed(clusters, cluster('v1beta1', { paused: true }, true));
    const { result, object } = await setPaused(target, clusters, KEY, false);
    expect(result).toBe('held');
    expect(object?.spec).toEqual({ paused: false });
    expect(object?.metadata.annotations).toHaveProperty([CAPI_PAUSED_ANNOTATION]);
  });

  it('removes the annotation too on an explicit unpause', async () => {
    const target = new MemoryTarget();
    target.seed(clusters, cluster('v1beta1', {}, true));
    const { result, object } = await setPaused(target, clusters, KEY, false, { clearAnnotation: true });
    expect(result).toBe('changed');
    expect(object?.metadata.annotations ?? {}).not.toHaveProperty([CAPI_PAUSED_ANNOTATION]);
  });

  it('says gone for a cluster that does not exist', async () => {
    expect((await setPaused(new MemoryTarget(), clusters, KEY, false)).result).toBe('gone');
  });
});
