import { describe, expect, it } from 'vitest';
import { ProfileError } from './errors.js';
import { buildProfile, parseManifests, parseProfiles } from './parse.js';

const valid = `# a profile
apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata:
  name: baseline
spec:
  clusterSelector:
    matchLabels: {env: prod}
  syncMode: ContinuousWithDriftDetection
  correction: Manual
  tier: 50
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: strict}
    - path: manifests/
  driftExclusions:
    - paths: [/data/replicas]
      target: {kind: ConfigMap, labelSelector: "app=web"}
  contestGuard: {maxCorrections: 2, windowSeconds: 60}
`;

const withSpec = (spec: string): string =>
  `apiVersion: driftline.dev/v1alpha1\nkind: DriftProfile\nmetadata:\n  name: p\nspec:\n${spec}`;

describe('parseProfiles', () => {
  it('reads a valid profile and resolves path entries through the resolver', () => {
    const [parsed] = parseProfiles(valid, 'profiles/base.yaml');
    const seen: string[] = [];
    const profile = buildProfile(parsed!, (path, file) => {
      seen.push(`${file}:${path}`);
      return [
        {
          object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team-a' } },
          origin: { file: 'profiles/manifests/s.yaml', document: 0, path: [] },
        },
      ];
    });
    expect(seen).toEqual(['profiles/base.yaml:manifests/']);
    expect(profile).toMatchObject({
      name: 'baseline',
      syncMode: 'ContinuousWithDriftDetection',
      correction: 'Manual',
      tier: 50,
      clusterSelector: [{ key: 'env', operator: 'In', values: ['prod'] }],
      guard: { maxCorrections: 2, windowMs: 60_000, backoffMs: 60_000 },
    });
    expect(profile.resources.map((r) => [r.object.kind, r.origin.path])).toEqual([
      ['ConfigMap', ['spec', 'resources', 0]],
      ['Secret', []],
    ]);
    expect(profile.exclusions[0]?.target?.labelSelector).toEqual([
      { key: 'app', operator: 'In', values: ['web'] },
    ]);
  });

  it('defaults to ContinuousWithDriftDetection, Auto correction and tier 100', () => {
    const [parsed] = parseProfiles(
      withSpec(
        '  clusters: [wc1]\n  resources:\n    - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n',
      ),
      'p.yaml',
    );
    expect(buildProfile(parsed!, () => [])).toMatchObject({
      syncMode: 'ContinuousWithDriftDetection',
      correction: 'Auto',
      tier: 100,
      clusters: ['wc1'],
    });
  });

  it('skips documents that are not profiles', () => {
    expect(parseProfiles('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'x.yaml')).toEqual([]);
  });

  const invalid: [string, string, RegExp][] = [
    [
      'names the line and field of an unknown sync mode',
      withSpec('  clusters: [a]\n  syncMode: Sometimes\n  resources: [{path: x}]\n'),
      /^p\.yaml:7:13: spec\.syncMode: invalid option/,
    ],
    [
      'points at an inline manifest without a kind',
      withSpec('  clusters: [a]\n  resources:\n    - apiVersion: v1\n      metadata: {name: x}\n'),
      /^p\.yaml:8:7: spec\.resources\[0\]\.kind: an inline manifest needs kind/,
    ],
    [
      'rejects a profile that targets nothing',
      withSpec('  resources: [{path: x}]\n'),
      /spec: set clusterSelector and\/or clusters/,
    ],
    [
      'rejects an unknown field with its name',
      withSpec('  clusters: [a]\n  resources: [{path: x}]\n  syncmode: Auto\n'),
      /spec: unrecognized key: "syncmode"/,
    ],
    [
      'rejects an exclusion path that is not a JSON Pointer',
      withSpec('  clusters: [a]\n  resources: [{path: x}]\n  driftExclusions: [{paths: [spec.replicas]}]\n'),
      /spec\.driftExclusions\[0\]\.paths\[0\]: must be a JSON Pointer/,
    ],
    [
      'rejects a wrong apiVersion',
      'apiVersion: driftline.dev/v1\nkind: DriftProfile\nmetadata: {name: p}\nspec: {clusters: [a], resources: [{path: x}]}\n',
      /^p\.yaml:1:13: apiVersion: invalid input: expected "driftline\.dev\/v1alpha1"/,
    ],
    ['reports broken YAML with its position', 'spec: [\n', /^p\.yaml:2:1: invalid YAML/],
  ];
  it.each(invalid)('%s', (_name, text, message) => {
    const err = (() => {
      try {
        parseProfiles(text, 'p.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as Error).message).toMatch(message);
  });
});

describe('a profile with several problems', () => {
  it('reports every problem, each with file:line:column and field', () => {
    const text = withSpec(
      '  clusters: [a]\n  syncMode: Sometimes\n  resources:\n    - apiVersion: v1\n      metadata: {name: x}\n',
    );
    const err = (() => {
      try {
        parseProfiles(`${text}---\n${text.replace('name: p', 'name: Q')}`, 'p.yaml');
      } catch (e) {
        return e as ProfileError;
      }
    })();
    expect(err?.problems).toEqual([
      expect.stringMatching(/^p\.yaml:7:13: spec\.syncMode: invalid option/),
      expect.stringMatching(/^p\.yaml:9:7: spec\.resources\[0\]\.kind: an inline manifest needs kind/),
      expect.stringMatching(/^p\.yaml:15:9: metadata\.name: must be a DNS label/),
      expect.stringMatching(/^p\.yaml:18:13: spec\.syncMode: invalid option/),
      expect.stringMatching(/^p\.yaml:20:7: spec\.resources\[0\]\.kind: an inline manifest needs kind/),
    ]);
    expect(err?.message).not.toMatch(/more problem/);
  });
});

describe('parseManifests', () => {
  it('reads every document with its index', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n';
    expect(parseManifests(text, 'm.yaml').map((r) => [r.object.kind, r.origin.document])).toEqual([
      ['ConfigMap', 0],
      ['Secret', 2],
    ]);
  });

  it('rejects a manifest without a name, naming the file and document', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', 'm.yaml')).toThrow(
      /^m\.yaml:1:1: manifest 1 has no metadata\.name/,
    );
  });
});
