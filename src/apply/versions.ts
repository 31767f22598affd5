/** The one rule for which API version an object is written in (pure). */

/** A version the writer holds the object in, and whether its source preferred it. */
export interface HeldVersion {
  version: string;
  preferred: boolean;
}

/** What the target serves for the resource: its versions and the preferred one. */
export interface ServedVersions {
  versions: readonly string[];
  preferred?: string;
}

/**
 * The version to write: the target's preferred one when the object is held in it, else the
 * source's preferred one when the target serves it, else any held version the target serves.
 * Undefined when there is no common version (the object cannot be written as it is held).
 */
export function pickVersion(held: readonly HeldVersion[], target: ServedVersions): string | undefined {
  const common = (v: string | undefined): v is string =>
    v !== undefined && target.versions.includes(v) && held.some((h) => h.version === v);
  if (common(target.preferred)) return target.preferred;
  const sourcePreferred = held.find((h) => h.preferred)?.version;
  if (common(sourcePreferred)) return sourcePreferred;
  return held.map((h) => h.version).find((v) => target.versions.includes(v));
}
