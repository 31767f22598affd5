/** A restore recognises its own objects by its label, in today's domain and the one earlier versions wrote. */
import { describe, expect, it } from 'vitest';
import { decideExisting } from '../apply/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { restoreRules } from './item-restore.js';

const desired: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'ns', labels: { 'driftline.dev/restore-name': 'r1' } },
  data: { a: '1' },
};

function live(labels: Record<string, string>, data = { a: '2' }): KubeObject {
  return { ...desired, metadata: { ...desired.metadata, uid: 'u', labels }, data };
}

describe('objects already in the target', () => {
  it.each([
    ['labelled by this restore', { 'driftline.dev/restore-name': 'r1' }, 'adopted'],
    ['labelled by this restore in an earlier version', { 'driftline.io/restore-name': 'r1' }, 'adopted'],
    ['labelled by another restore', { 'driftline.dev/restore-name': 'r0' }, 'skipped'],
    ['not labelled', {}, 'skipped'],
  ])('%s: %s', (_, labels, action) => {
    expect(decideExisting(desired, live(labels), restoreRules('r1', 'none')).action).toBe(action);
  });

  it('does not count either domain of the marker labels as a difference', () => {
    const same = live({ 'driftline.io/restore-name': 'r0', 'driftline.io/backup-name': 'b' }, { a: '1' });
    expect(decideExisting(desired, same, restoreRules('r1', 'update')).action).toBe('identical');
  });
});
