/** Reads profiles from a file or directory, resolving `path:` entries relative to each profile file. */
import { readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProfileError } from '../profiles/errors.js';
import { buildProfile, parseManifests, parseProfiles } from '../profiles/parse.js';
import type { DesiredResource, Profile } from '../profiles/types.js';

const YAML = /\.ya?ml$/;

/** Loads every DriftProfile in `path` (a YAML file, or the YAML files directly inside a directory). */
export function loadProfiles(path: string): Profile[] {
  const files = yamlFiles(path, false);
  if (files.length === 0) throw new ProfileError(`no YAML files in ${path}`);
  const problems: string[] = [];
  const profiles = files.flatMap((file) => {
    try {
      return parseProfiles(read(file), file).map((p) => buildProfile(p, resolveEntry));
    } catch (err) {
      // Keep going so one run reports the problems of every file, not only the first file's.
      if (!(err instanceof ProfileError)) throw err;
      problems.push(...err.problems);
      return [];
    }
  });
  if (problems.length > 0) throw ProfileError.of(problems);
  if (profiles.length === 0) throw new ProfileError(`no DriftProfile documents in ${path}`);
  const seen = new Map<string, string>();
  for (const p of profiles) {
    const other = seen.get(p.name);
    if (other) throw new ProfileError(`profile ${p.name} is defined twice: in ${other} and ${p.file}`);
    seen.set(p.name, p.file);
  }
  return profiles;
}

/**
 * Watches a profiles file or directory (recursively) and reloads after changes settle; a reload
 * that fails validation is reported and the previous profiles stay in force.
 */
export function watchProfiles(
  path: string,
  onReload: (profiles: Profile[]) => void,
  onError: (err: Error) => void,
  settleMs = 300,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(path, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        onReload(loadProfiles(path));
      } catch (err) {
        onError(err as Error);
      }
    }, settleMs);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

// A `path:` entry: a manifest file, or every YAML file under a directory (recursively, sorted).
function resolveEntry(path: string, profileFile: string): DesiredResource[] {
  const target = resolve(dirname(profileFile), path);
  const files = yamlFiles(target, true);
  if (files.length === 0)
    throw new ProfileError(`${profileFile}: resources path ${path} holds no YAML files`);
  return files.flatMap((file) => parseManifests(read(file), file));
}

function yamlFiles(path: string, recursive: boolean): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new ProfileError(`${path} does not exist`);
  }
  if (stat.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(path, entry.name);
      if (entry.isDirectory()) return recursive ? yamlFiles(full, true) : [];
      return YAML.test(entry.name) ? [full] : [];
    });
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ProfileError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}
