/** Observation times and the watch heartbeat in each cluster's shard, so `drift status` can say how current the state is. */
import type { ClusterRecord, WatchHeartbeat } from '../profiles/state.js';

/** What the heartbeat needs of a cluster worker. */
export interface ObservedCluster {
  updateCluster(patch: (cluster: ClusterRecord) => Partial<ClusterRecord>): void;
}

/**
 * Seconds between heartbeats: a minute, longer for big fleets, because every beat saves every
 * shard once and the management cluster should see at most about 10 such saves a second.
 */
export function heartbeatSeconds(clusters: number): number {
  return Math.max(60, Math.ceil(clusters / 10));
}

/** Records a finished pass (when the cluster answered) and, for a watching controller, its heartbeat. */
export function markObserved(worker: ObservedCluster, at: string, watch?: WatchHeartbeat): void {
  worker.updateCluster((c) => ({ ...(c.reachable && { observedAt: at }), ...(watch && { watch }) }));
}

/** Beats for the workers `workers()` returns until stopped; `stop` says in each shard that nothing watches any more. */
export class Heartbeat {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly workers: () => ObservedCluster[],
    private readonly now: () => number,
    /** Fixed interval (tests); otherwise `heartbeatSeconds` of the fleet size. */
    private readonly fixedSeconds?: number,
  ) {}

  /** Starts beating. */
  start(): void {
    this.timer = setTimeout(() => {
      this.beat();
      this.start();
    }, this.interval() * 1000);
    // A heartbeat alone must not keep a finished process alive.
    this.timer.unref();
  }

  /** The heartbeat to save now. */
  current(): WatchHeartbeat {
    return { at: new Date(this.now()).toISOString(), intervalSeconds: this.interval() };
  }

  /** Stops beating and removes the heartbeat from every shard (saved when the workers stop). */
  stop(): void {
    clearTimeout(this.timer);
    for (const w of this.workers()) w.updateCluster(() => ({ watch: undefined }));
  }

  private beat(): void {
    const watch = this.current();
    for (const w of this.workers()) markObserved(w, watch.at, watch);
  }

  private interval(): number {
    return this.fixedSeconds ?? heartbeatSeconds(this.workers().length);
  }
}
