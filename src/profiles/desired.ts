/** The desired objects for one cluster: namespace scoping, ownership labels, tier conflicts (pure). */
import { createHash } from 'node:crypto';
import { type KubeObject, keyOf, keyString } from '../model/resource-key.js';
import { MANAGED_BY } from '../model/vocabulary.js';
import type { Profile, ResourceOrigin } from './types.js';
import { OWNERSHIP_LABELS } from './types.js';

/** One object to keep on a cluster and the profile that owns it there. */
export interface DesiredObject {
  /** keyString of the object (`group/Kind/namespace/name`). */
  key: string;
  profile: Profile;
  /** The object as applied: the manifest plus ownership labels. */
  object: KubeObject;
  origin: ResourceOrigin;
  /** A hash of `object`: when it changes the profile changed, and the object is re-deployed. */
  hash: string;
}

/** Two profiles declaring one object: the winner applies it, the loser is reported. */
export interface TierConflict {
  key: string;
  winner: string;
  loser: string;
  reason: string;
}

/** An object a profile declares but does not deploy here, and why. */
export interface SkippedObject {
  key: string;
  profile: string;
  reason: string;
}

/** The plan for one cluster. */
export interface DesiredSet {
  objects: Map<string, DesiredObject>;
  conflicts: TierConflict[];
  skipped: SkippedObject[];
}

/** Builds the desired set for a cluster from the profiles that target it. */
export function desiredSet(profiles: readonly Profile[]): DesiredSet {
  const objects = new Map<string, DesiredObject>();
  const conflicts: TierConflict[] = [];
  const skipped: SkippedObject[] = [];
  const ordered = [...profiles].sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
  for (const profile of ordered) {
    for (const resource of profile.resources) {
      const object = withOwnership(resource.object, profile.name);
      const key = keyString(keyOf(object));
      const scope = namespaceReason(profile, object);
      if (scope) {
        skipped.push({ key, profile: profile.name, reason: scope });
        continue;
      }
      const existing = objects.get(key);
      if (existing) {
        conflicts.push(conflict(key, existing.profile, profile));
        continue;
      }
      objects.set(key, { key, profile, object, origin: resource.origin, hash: hashObject(object) });
    }
  }
  return { objects, conflicts, skipped };
}

/** A copy of `object` carrying Driftline's ownership labels. */
export function withOwnership(object: KubeObject, profile: string): KubeObject {
  const copy = structuredClone(object);
  copy.metadata.labels = {
    ...copy.metadata.labels,
    [OWNERSHIP_LABELS.managedBy]: MANAGED_BY,
    [OWNERSHIP_LABELS.profile]: profile,
  };
  return copy;
}

/** A short stable hash of an object (key order independent). */
export function hashObject(object: unknown): string {
  return createHash('sha256').update(stableJson(object)).digest('hex').slice(0, 16);
}

/** JSON with sorted keys. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function namespaceReason(profile: Profile, object: KubeObject): string | undefined {
  const ns = object.metadata.namespace;
  if (!profile.namespaces || !ns || profile.namespaces.includes(ns)) return undefined;
  return `namespace ${ns} is outside spec.namespaces of profile ${profile.name}`;
}

function conflict(key: string, winner: Profile, loser: Profile): TierConflict {
  const why =
    winner.tier === loser.tier
      ? `both have tier ${winner.tier}; ${winner.name} sorts first`
      : `tier ${winner.tier} beats tier ${loser.tier}`;
  return {
    key,
    winner: winner.name,
    loser: loser.name,
    reason: `${key} is declared by profiles ${winner.name} and ${loser.name}: ${why}`,
  };
}
