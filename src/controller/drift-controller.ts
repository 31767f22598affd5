/** The drift controller: follows the fleet, runs one worker per targeted cluster, answers status and correction requests. */
import { describeError } from '../common/errors.js';
import { type Logger, silentLogger } from '../common/logger.js';
import { describeKey, keyOf } from '../model/resource-key.js';
import { hashObject } from '../profiles/desired.js';
import type { ClusterState, CorrectionRecord } from '../profiles/state.js';
import { profilesFor } from '../profiles/targeting.js';
import type { Profile } from '../profiles/types.js';
import { ClusterWorker } from './cluster-worker.js';
import type { FleetMember, FleetSource } from './fleet.js';
import { Heartbeat, markObserved } from './heartbeat.js';
import {
  type DriftMetricsSink,
  type DriftNotifier,
  NO_METRICS,
  NO_NOTIFIER,
  type StateStore,
} from './ports.js';
import type { Target } from './reconciler.js';

/** Options of a drift controller. */
export interface DriftControllerOptions {
  profiles: Profile[];
  fleet: FleetSource;
  store: StateStore;
  notifier?: DriftNotifier;
  metrics?: DriftMetricsSink;
  logger?: Logger;
  /** false: a single pass without watches (`--once`, `drift correct`). */
  watch?: boolean;
  /** true: never deploy or correct on its own. */
  passive?: boolean;
  flushMs?: number;
  now?: () => number;
  /** Seconds between watch heartbeats (default: a minute, longer for big fleets). */
  heartbeatSeconds?: number;
}

/** Which objects `correct` touches. */
export interface CorrectionFilter {
  profile: string;
  cluster?: string;
  /** `KIND/NAMESPACE/NAME` or `KIND/NAME` (cluster-scoped). */
  resource?: string;
}

/** The outcome of correcting one object. */
export interface CorrectionOutcome {
  cluster: string;
  profile: string;
  object: string;
  correction?: CorrectionRecord;
  skipped?: string;
}

interface Running {
  member: FleetMember;
  worker: ClusterWorker;
  /** Fingerprint of the profiles the worker runs with. */
  profiles: string;
}

/** Keeps every targeted cluster of the fleet true to its profiles. */
export class DriftController {
  private readonly running = new Map<string, Running>();
  private updating: Promise<void> = Promise.resolve();
  private readonly logger: Logger;
  private members: FleetMember[] = [];
  private profiles: Profile[];
  private readonly now: () => number;
  // Only a watching controller beats: a one-pass run must not claim to be watching.
  private readonly heartbeat?: Heartbeat;

  constructor(private readonly options: DriftControllerOptions) {
    this.logger = options.logger ?? silentLogger();
    this.profiles = options.profiles;
    this.now = options.now ?? Date.now;
    if (options.watch !== false)
      this.heartbeat = new Heartbeat(
        () => [...this.running.values()].map((r) => r.worker),
        this.now,
        options.heartbeatSeconds,
      );
  }

  /** Replaces the profiles (e.g. after the files changed); workers whose profiles changed restart. */
  async setProfiles(profiles: Profile[]): Promise<void> {
    this.profiles = profiles;
    this.enqueue(this.members);
    await this.updating;
  }

  /** Starts following the fleet; resolves once the fleet was read for the first time. */
  async start(): Promise<void> {
    await this.options.fleet.start((members) => this.enqueue(members));
    await this.updating;
    this.heartbeat?.start();
  }

  private enqueue(members: FleetMember[]): void {
    this.members = members;
    this.updating = this.updating
      .then(() => this.update(members))
      .catch((err) => this.logger.error({ err: describeError(err) }, 'fleet update failed'));
  }

  /** Resolves when every current worker finished its first pass. */
  async ready(): Promise<void> {
    await this.updating;
    await Promise.all([...this.running.values()].map((r) => r.worker.ready));
  }

  /** Stops following the fleet and every worker, writing state. */
  async stop(): Promise<void> {
    this.options.fleet.stop();
    await this.updating;
    this.heartbeat?.stop();
    await Promise.all([...this.running.values()].map((r) => r.worker.stop()));
    this.running.clear();
  }

  /** The in-memory state of every running cluster. */
  snapshot(): ClusterState[] {
    return [...this.running.values()]
      .flatMap((r) => r.worker.snapshot() ?? [])
      .sort((a, b) => a.cluster.id.localeCompare(b.cluster.id));
  }

  /** Corrects the drifted objects `filter` selects, whatever the profile's correction mode. */
  async correct(filter: CorrectionFilter): Promise<CorrectionOutcome[]> {
    const out: CorrectionOutcome[] = [];
    for (const [id, r] of this.running) {
      if (filter.cluster && !sameCluster(id, filter.cluster)) continue;
      const results = await r.worker.correctNow(
        (t) => t.desired.profile.name === filter.profile && matchesResource(t, filter.resource),
      );
      for (const { desired, correction, skipped } of results) {
        out.push({
          cluster: id,
          profile: filter.profile,
          object: describeKey(keyOf(desired.object)),
          correction,
          skipped,
        });
      }
    }
    return out;
  }

  private async update(members: FleetMember[]): Promise<void> {
    const wanted = new Map<string, { member: FleetMember; profiles: Profile[] }>();
    for (const member of members) {
      const profiles = profilesFor(this.profiles, { id: member.id, labels: member.labels });
      if (profiles.length > 0) wanted.set(member.id, { member, profiles });
    }
    for (const [id, r] of this.running) {
      const w = wanted.get(id);
      if (w && w.member.fingerprint === r.member.fingerprint && fingerprint(w.profiles) === r.profiles)
        continue;
      await r.worker.stop();
      this.running.delete(id);
      if (!w) await this.forget(id);
    }
    for (const [id, { member, profiles }] of wanted) {
      if (this.running.has(id)) continue;
      const worker = new ClusterWorker({
        ...this.options,
        cluster: id,
        profiles,
        client: member.connect(),
        notifier: this.options.notifier ?? NO_NOTIFIER,
        metrics: this.options.metrics ?? NO_METRICS,
        logger: this.logger,
      });
      this.running.set(id, { member, worker, profiles: fingerprint(profiles) });
      this.logger.info({ cluster: id, profiles: names(profiles) }, 'cluster joined');
      await worker.start();
      // A cluster unreachable from the start has its profiles recorded all the same, so that
      // `drift status` shows it Unreachable under each of them instead of not at all.
      const wantedProfiles = profiles.map((p) => p.name);
      worker.updateCluster((c) => (c.profiles.length > 0 ? {} : { profiles: wantedProfiles }));
      void worker.ready.then(() =>
        markObserved(worker, new Date(this.now()).toISOString(), this.heartbeat?.current()),
      );
    }
  }

  private async forget(id: string): Promise<void> {
    this.logger.info({ cluster: id }, 'cluster left the fleet');
    (this.options.metrics ?? NO_METRICS).clusterRemoved(id);
    await this.options.store
      .remove(id)
      .catch((err) =>
        this.logger.warn({ cluster: id, err: describeError(err) }, 'cannot remove drift state'),
      );
  }
}

const names = (profiles: Profile[]): string => profiles.map((p) => p.name).join(',');
const fingerprint = (profiles: Profile[]): string => hashObject(profiles);

/** `wc1` matches `default/wc1`; a full id matches itself. */
export function sameCluster(id: string, wanted: string): boolean {
  return id === wanted || id.slice(id.indexOf('/') + 1) === wanted;
}

/** True when `resource` (`KIND/NS/NAME` or `KIND/NAME`, case-insensitive kind) names the target; absent matches all. */
export function matchesResource(t: Pick<Target, 'desired'>, resource: string | undefined): boolean {
  if (!resource) return true;
  const parts = resource.split('/');
  const { kind } = t.desired.object;
  const { namespace = '', name } = t.desired.object.metadata;
  const [k, ns, n] = parts.length === 2 ? [parts[0], '', parts[1]] : parts;
  return k?.toLowerCase() === kind.toLowerCase() && ns === namespace && n === name;
}
