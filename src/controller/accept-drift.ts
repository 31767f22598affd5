/** `drift accept`: read the live object and write its drifted values into the profile's YAML file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { describeKey } from '../model/resource-key.js';
import { acceptEdits, applyAcceptEdits } from '../profiles/accept.js';
import { desiredSet } from '../profiles/desired.js';
import { evaluateDrift } from '../profiles/drift.js';
import { AcceptError } from '../profiles/errors.js';
import { excludedPaths } from '../profiles/exclusions.js';
import type { Profile } from '../profiles/types.js';
import { matchesResource, sameCluster } from './drift-controller.js';
import type { FleetMember, FleetSource } from './fleet.js';
import { resolveTargets } from './targets.js';

/** What was written for one object. */
export interface AcceptResult {
  object: string;
  file: string;
  /** JSON Pointers written (values are not repeated: they may be sensitive). */
  paths: string[];
  skipped?: string;
}

/** Accepts the live state of drifted objects of `profile` on `cluster` into the profile files. */
export async function acceptDrift(options: {
  profiles: Profile[];
  fleet: FleetSource;
  profile: string;
  cluster: string;
  resource?: string;
}): Promise<AcceptResult[]> {
  const profile = options.profiles.find((p) => p.name === options.profile);
  if (!profile) throw new AcceptError(`no profile named ${options.profile}`);
  const member = await findMember(options.fleet, options.cluster);
  const client = member.connect();
  try {
    const { targets } = await resolveTargets(client, desiredSet([profile]));
    const picked = [...targets.values()].filter((t) => matchesResource(t, options.resource));
    if (picked.length === 0)
      throw new AcceptError(`profile ${profile.name} declares no ${options.resource ?? 'objects'}`);
    const results: AcceptResult[] = [];
    for (const t of picked) {
      const { object, origin } = t.desired;
      const name = describeKey({
        kind: object.kind,
        namespace: object.metadata.namespace ?? '',
        name: object.metadata.name,
      });
      const live = await client.get(t.ref, object.metadata.namespace ?? '', object.metadata.name);
      const finding = evaluateDrift(object, live, excludedPaths(profile.exclusions, object));
      if (finding.kind === 'in-sync') {
        results.push({ object: name, file: origin.file, paths: [], skipped: 'in sync' });
        continue;
      }
      if (live === undefined)
        throw new AcceptError(
          `${name} is missing on ${member.id}; remove it from the profile by hand if that is intended`,
        );
      const edits = acceptEdits(object, live, finding.changes);
      writeFileSync(origin.file, applyAcceptEdits(readFileSync(origin.file, 'utf8'), origin, edits));
      results.push({ object: name, file: origin.file, paths: edits.map((e) => e.pointer) });
    }
    return results;
  } finally {
    client.close();
  }
}

async function findMember(fleet: FleetSource, cluster: string): Promise<FleetMember> {
  let members: FleetMember[] = [];
  await fleet.start((m) => {
    members = m;
  });
  fleet.stop();
  const found = members.filter((m) => sameCluster(m.id, cluster));
  if (found.length !== 1)
    throw new AcceptError(
      found.length === 0
        ? `no cluster ${cluster} in the fleet (have: ${members.map((m) => m.id).join(', ') || 'none'})`
        : `cluster name ${cluster} is ambiguous; use namespace/name`,
    );
  return found[0]!;
}
