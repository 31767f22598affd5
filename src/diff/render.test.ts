import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { renderObjectDiff } from './render.js';

const cm = (data: Record<string, string>, keyOrder: 'a' | 'b' = 'a'): KubeObject =>
  keyOrder === 'a'
    ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data }
    : { data, metadata: { namespace: 'n', name: 'c' }, kind: 'ConfigMap', apiVersion: 'v1' };

describe('renderObjectDiff', () => {
  it('renders nothing for objects equal up to key order', () => {
    expect(renderObjectDiff(cm({ a: '1' }), cm({ a: '1' }, 'b'))).toBe('');
  });

  it('renders a changed field as YAML lines', () => {
    const diff = renderObjectDiff(cm({ a: '1', b: '2' }), cm({ a: '1', b: '3' }), {
      fromLabel: 'backup-a',
      toLabel: 'backup-b',
    });
    expect(diff).toContain('--- backup-a\n+++ backup-b\n');
    expect(diff).toContain('-  b: "2"\n+  b: "3"\n');
  });

  it('renders an added object against /dev/null', () => {
    const diff = renderObjectDiff(undefined, cm({ a: '1' }));
    expect(diff.startsWith('--- /dev/null\n+++ to\n@@ -0,0 +1,')).toBe(true);
    expect(diff).toContain('+kind: ConfigMap');
  });
});
