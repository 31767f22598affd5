import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { acceptEdits, applyAcceptEdits } from './accept.js';
import { withOwnership } from './desired.js';
import { evaluateDrift } from './drift.js';
import { parseProfiles } from './parse.js';

const profileText = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata:
  name: web
spec:
  clusters: [wc1]
  resources:
    # the web deployment
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: ns}
      spec:
        replicas: 2 # two is enough
        template:
          spec:
            containers:
              - name: init
                image: i:1
              - name: app
                image: app:1
                args: [a, b]
                env:
                  - {name: MODE, value: fast}
`;

function accept(mutate: (live: KubeObject) => void): string {
  const [parsed] = parseProfiles(profileText, 'p.yaml');
  const manifest = parsed!.document.spec.resources[0] as KubeObject;
  const desired = withOwnership(manifest, 'web');
  const live = structuredClone(desired);
  mutate(live);
  const { changes } = evaluateDrift(desired, live);
  const edits = acceptEdits(desired, live, changes);
  return applyAcceptEdits(profileText, { document: 0, path: ['spec', 'resources', 0] }, edits);
}

const containers = (o: KubeObject): { name: string; image: string; args?: string[]; env?: unknown[] }[] =>
  (o.spec as { template: { spec: { containers: [] } } }).template.spec.containers;

describe('drift accept edits', () => {
  it('writes a changed scalar back, keeping comments', () => {
    const out = accept((o) => {
      (o.spec as { replicas: number }).replicas = 5;
    });
    expect(out).toContain('replicas: 5 # two is enough');
    expect(out).toContain('# the web deployment');
  });

  it('writes a changed field of a named element at its position in the profile', () => {
    const out = accept((o) => {
      const cs = containers(o);
      cs.reverse();
      cs[0]!.image = 'app:2';
    });
    expect(parseProfiles(out, 'p.yaml')[0]!.document.spec.resources[0]).toMatchObject({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'init', image: 'i:1' },
              { name: 'app', image: 'app:2' },
            ],
          },
        },
      },
    });
  });

  it('removes a field that was deleted live, and appends list elements added live', () => {
    const out = accept((o) => {
      const app = containers(o)[1]!;
      delete app.env;
      app.args = ['a', 'b', 'c'];
    });
    const app = parseProfiles(out, 'p.yaml')[0]!.document.spec.resources[0] as KubeObject as KubeObject;
    expect(containers(app)[1]).toEqual({ name: 'app', image: 'app:1', args: ['a', 'b', 'c'] });
  });

  it('refuses to copy Secret values into a file', () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'eA==' },
    };
    expect(() =>
      acceptEdits(secret, { ...secret, data: { a: 'eQ==' } }, [{ path: '/data/a', op: 'replace' }]),
    ).toThrow(/secret values/i);
  });

  it('refuses to accept a deleted object', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(() => acceptEdits(cm, cm, [{ path: '', op: 'remove' }])).toThrow(/missing live/);
  });
});
