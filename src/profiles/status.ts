/** Drift status values with a rank, so roll-ups are one fold (pure). */

/** Status of one managed object. */
export type ObjectStatus = 'InSync' | 'Ignored' | 'Pending' | 'Drifted' | 'Contested';

/** Status of one cluster × profile. */
export type FleetStatus = 'InSync' | 'Pending' | 'Drifted' | 'Contested' | 'Unreachable';

const RANK: Record<FleetStatus | ObjectStatus, number> = {
  InSync: 0,
  Ignored: 0,
  Pending: 1,
  Drifted: 2,
  Contested: 3,
  Unreachable: 4,
};

/** True when `a` is worse than `b`. */
export function isWorse(a: FleetStatus | ObjectStatus, b: FleetStatus | ObjectStatus): boolean {
  return RANK[a] > RANK[b];
}

/** The worst of the objects' statuses as a fleet status (no objects: InSync). */
export function rollUp(statuses: Iterable<ObjectStatus>): FleetStatus {
  let worst: FleetStatus = 'InSync';
  for (const s of statuses) {
    const f: FleetStatus = s === 'Ignored' ? 'InSync' : s;
    if (isWorse(f, worst)) worst = f;
  }
  return worst;
}
