/** The engine's write rules: create, retry, adopt on conflict, update by policy, status, delete with preconditions. */
import { describe, expect, it } from 'vitest';
import { MemoryTarget } from '../../test/support/memory-target.js';
import { KubeError } from '../adapters/kube/index.js';
import type { ResourceRef } from '../adapters/kube/interfaces.js';
import type { KubeObject } from '../model/resource-key.js';
import type { ApplyItem } from './ports.js';
import { deleteExact, type WriteRules, writeItem } from './write.js';

const widgets: ResourceRef = { group: 'example.dev', version: 'v1', resource: 'widgets', namespaced: true };
const MARK = 'example.dev/op';

function widget(
  name: string,
  spec: Record<string, unknown>,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'example.dev/v1',
    kind: 'Widget',
    metadata: { name, namespace: 'ns', labels: { [MARK]: 'op-1', ...labels } },
    spec,
  };
}

function item(object: KubeObject, status?: Record<string, unknown>): ApplyItem {
  return {
    id: `w/${object.metadata.name}`,
    ref: widgets,
    namespace: 'ns',
    name: object.metadata.name,
    object,
    status,
  };
}

function rules(existing: WriteRules['existing'], writes: string[] = []): WriteRules {
  return {
    ours: (live) => live.metadata.labels?.[MARK] === 'op-1',
    existing,
    markerLabels: [MARK],
    afterWrite: () => writes.push('write'),
    retryDelayMs: 1,
  };
}

describe('writing one object', () => {
  it('creates it, then writes its status through the status subresource', async () => {
    const target = new MemoryTarget();
    const writes: string[] = [];
    const out = await writeItem(
      target,
      item(widget('a', { size: 1 }), { ready: true }),
      rules('skip', writes),
    );
    expect(out.action).toBe('created');
    expect(writes).toEqual(['write']);
    expect(target.calls).toEqual(['create a', 'status a']);
    expect([...target.objects.values()][0]?.status).toEqual({ ready: true });
  });

  it('writes status with a merge patch when the kind has no status subresource', async () => {
    const target = new MemoryTarget();
    target.noStatusSubresource.add('widgets');
    const out = await writeItem(target, item(widget('a', {}), { ready: true }), rules('skip'));
    expect(out.warnings).toEqual([]);
    expect(target.calls).toEqual(['create a', 'status a', 'patch a']);
  });

  it('retries a create that failed for a passing reason', async () => {
    const target = new MemoryTarget();
    target.fail('create', [
      new KubeError('kube.unreachable', 'connection reset'),
      new KubeError('kube.server', '503'),
    ]);
    const out = await writeItem(target, item(widget('a', {})), rules('skip'));
    expect(out.action).toBe('created');
    expect(target.calls.filter((c) => c === 'create a')).toHaveLength(3);
  });

  it('does not retry a create the server refused for good', async () => {
    const target = new MemoryTarget();
    target.fail('create', [new KubeError('kube.invalid', 'spec.size: must be an integer')]);
    await expect(writeItem(target, item(widget('a', {})), rules('skip'))).rejects.toThrow('spec.size');
    expect(target.calls).toEqual(['create a']);
  });

  it('adopts what an interrupted run of the same operation created, writing missing status', async () => {
    const target = new MemoryTarget();
    target.seed(widgets, widget('a', { size: 1 }));
    const writes: string[] = [];
    const out = await writeItem(
      target,
      item(widget('a', { size: 1 }), { ready: true }),
      rules('update', writes),
    );
    expect(out.action).toBe('adopted');
    expect(writes).toEqual([]);
    expect(target.calls).toEqual(['create a', 'get a', 'status a']);
  });

  it('leaves an identical object that someone else owns as it is, whatever the policy', async () => {
    for (const policy of ['skip', 'update', 'require-identical'] as const) {
      const target = new MemoryTarget();
      target.seed(widgets, widget('a', { size: 1 }, { [MARK]: 'someone-else' }));
      const out = await writeItem(target, item(widget('a', { size: 1 })), rules(policy));
      expect(out.action).toBe('identical');
      expect(target.calls).toEqual(['create a', 'get a']);
    }
  });

  it('skips a different object under policy skip, reporting what differs', async () => {
    const target = new MemoryTarget();
    target.seed(widgets, widget('a', { size: 2 }, { [MARK]: 'someone-else' }));
    const out = await writeItem(target, item(widget('a', { size: 1 })), rules('skip'));
    expect(out.action).toBe('skipped');
    expect(out.changes?.map((c) => c.path)).toEqual(['/spec/size']);
    expect(target.calls).not.toContain('apply a');
  });

  it('updates a different object under policy update, counting the write', async () => {
    const target = new MemoryTarget();
    target.seed(widgets, widget('a', { size: 2 }, { [MARK]: 'someone-else' }));
    const writes: string[] = [];
    const out = await writeItem(target, item(widget('a', { size: 1 })), rules('update', writes));
    expect(out.action).toBe('updated');
    expect(out.before?.spec).toEqual({ size: 2 });
    expect(out.object.spec).toEqual({ size: 1 });
    expect(writes).toEqual(['write']);
  });

  it('refuses a different object under require-identical, naming the differing fields', async () => {
    const target = new MemoryTarget();
    target.seed(widgets, widget('a', { size: 2 }, { [MARK]: 'someone-else' }));
    const err = await writeItem(target, item(widget('a', { size: 1 })), rules('require-identical')).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ code: 'apply.exists-different' });
    expect(err.message).toContain('Widget ns/a');
    expect(err.message).toContain('/spec/size');
  });

  it('stops right after a write when the crash hook throws', async () => {
    const target = new MemoryTarget();
    const crash: WriteRules = {
      ...rules('skip'),
      afterWrite: () => {
        throw new Error('crash');
      },
    };
    await expect(writeItem(target, item(widget('a', {}), { ready: true }), crash)).rejects.toThrow('crash');
    expect(target.calls).toEqual(['create a']);
  });
});

describe('deleting exactly the object meant', () => {
  it('deletes it when its uid still matches', async () => {
    const target = new MemoryTarget();
    const seeded = target.seed(widgets, widget('a', {}));
    const key = { namespace: 'ns', name: 'a', uid: seeded.metadata.uid };
    expect(await deleteExact(target, widgets, key, { propagationPolicy: 'Orphan' })).toBe('deleted');
    expect(target.objects.size).toBe(0);
  });

  it('leaves a replacement of the same name alone', async () => {
    const target = new MemoryTarget();
    target.seed(widgets, widget('a', {}));
    const key = { namespace: 'ns', name: 'a', uid: 'uid-of-the-original' };
    expect(await deleteExact(target, widgets, key, { propagationPolicy: 'Orphan' })).toBe('replaced');
    expect(target.objects.size).toBe(1);
  });

  it('lets the server refuse a replacement made between the read and the delete', async () => {
    const target = new MemoryTarget();
    const seeded = target.seed(widgets, widget('a', {}));
    target.fail('delete', [new KubeError('kube.conflict', 'precondition failed: uid')]);
    const key = { namespace: 'ns', name: 'a', uid: seeded.metadata.uid };
    expect(await deleteExact(target, widgets, key, { propagationPolicy: 'Orphan' })).toBe('replaced');
  });

  it('drops the other finalizers first when asked, and says gone when there is nothing', async () => {
    const target = new MemoryTarget();
    const finalizers = ['x', 'orphan'];
    const base = widget('a', {});
    const seeded = target.seed(widgets, { ...base, metadata: { ...base.metadata, finalizers } });
    const key = { namespace: 'ns', name: 'a', uid: seeded.metadata.uid };
    target.fail('delete', [new KubeError('kube.server', 'stop here to look')]);
    const orphaning = { propagationPolicy: 'Orphan' as const, keepFinalizers: ['orphan'] };
    await expect(deleteExact(target, widgets, key, orphaning)).rejects.toThrow('stop here');
    expect([...target.objects.values()][0]?.metadata.finalizers).toEqual(['orphan']);
    target.calls.length = 0;
    const all = { propagationPolicy: 'Background' as const, keepFinalizers: [] };
    expect(await deleteExact(target, widgets, key, all)).toBe('deleted');
    expect(target.calls).toEqual(['get a', 'patch a', 'delete a']);
    expect(await deleteExact(target, widgets, key, all)).toBe('gone');
  });
});
