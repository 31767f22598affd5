import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../profiles/errors.js';
import { loadProfiles } from './profile-files.js';

const profile = (name: string, spec: string): string =>
  `apiVersion: driftline.dev/v1alpha1\nkind: DriftProfile\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftline-profiles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadProfiles', () => {
  it('reports the problems of every file, not only the first', () => {
    const dir = tree({
      'a.yaml': profile(
        'a',
        '  clusters: [x]\n  syncMode: Sometimes\n  tier: -1\n  resources: [{path: m}]\n',
      ),
      'b.yaml': profile('b', '  clusters: [x]\n  correction: Never\n  resources: [{path: m}]\n'),
    });
    let err: unknown;
    try {
      loadProfiles(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as ProfileError).problems).toEqual([
      expect.stringMatching(/a\.yaml:7:13: spec\.syncMode: invalid option/),
      expect.stringMatching(/a\.yaml:8:9: spec\.tier: /),
      expect.stringMatching(/b\.yaml:7:15: spec\.correction: invalid option/),
    ]);
  });
});
