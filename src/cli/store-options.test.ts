import { describe, expect, it } from 'vitest';
import { defaultStateDir } from '../backup/schedule-store.js';
import { defaultStore } from './store-options.js';

describe('default locations under XDG base directories', () => {
  it.each<[string, NodeJS.ProcessEnv, string, string]>([
    [
      'unset: under HOME',
      { HOME: '/home/me' },
      '/home/me/.local/share/driftline/backups',
      '/home/me/.local/state/driftline',
    ],
    [
      'empty: as if unset, not the current directory',
      { HOME: '/home/me', XDG_DATA_HOME: '', XDG_STATE_HOME: '' },
      '/home/me/.local/share/driftline/backups',
      '/home/me/.local/state/driftline',
    ],
    [
      'relative: invalid, ignored',
      { HOME: '/home/me', XDG_DATA_HOME: 'data', XDG_STATE_HOME: './state' },
      '/home/me/.local/share/driftline/backups',
      '/home/me/.local/state/driftline',
    ],
    [
      'absolute: used',
      { HOME: '/home/me', XDG_DATA_HOME: '/xdg/data', XDG_STATE_HOME: '/xdg/state' },
      '/xdg/data/driftline/backups',
      '/xdg/state/driftline',
    ],
  ])('%s', (_name, env, store, state) => {
    expect([defaultStore(env), defaultStateDir(env)]).toEqual([store, state]);
  });

  it('prefers DRIFTLINE_STORE for the store', () => {
    expect(defaultStore({ HOME: '/home/me', DRIFTLINE_STORE: '/backups' })).toBe('/backups');
  });
});
