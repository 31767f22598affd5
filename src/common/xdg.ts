/** XDG base directories as the spec reads them: an unset, empty or relative variable means the default. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

const DEFAULTS = {
  XDG_DATA_HOME: ['.local', 'share'],
  XDG_STATE_HOME: ['.local', 'state'],
} as const;

/**
 * `$XDG_DATA_HOME` or `$XDG_STATE_HOME`, else its default under the home directory. The spec
 * says an empty value counts as unset and a relative one is invalid and ignored: either would
 * otherwise put the store under whatever directory the command happens to run in.
 */
export function xdgBaseDir(env: NodeJS.ProcessEnv, variable: keyof typeof DEFAULTS): string {
  const value = env[variable];
  if (value && isAbsolute(value)) return value;
  return join(env.HOME || homedir(), ...DEFAULTS[variable]);
}
