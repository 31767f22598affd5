/** Prometheus metrics for the drift controller (prom-client, own registry). */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

interface ProfileGauge {
  cluster: string;
  profile: string;
  managed: number;
  drifted: number;
  oldestDriftSince?: number;
}

/** Every drift metric, registered on its own registry (implements the controller's metrics sink). */
export class DriftMetrics {
  readonly registry = new Registry();
  private readonly gauges = new Map<string, ProfileGauge[]>();
  private readonly known = new Set<string>();
  private readonly driftsTotal = new Counter({
    name: 'driftline_drifts_total',
    help: 'Drifts detected (an object going from in sync to drifted or deleted).',
    labelNames: ['cluster', 'profile', 'kind'],
    registers: [this.registry],
  });
  private readonly correctionsTotal = new Counter({
    name: 'driftline_corrections_total',
    help: 'Corrections applied, by result (corrected, still-drifted, failed).',
    labelNames: ['cluster', 'profile', 'kind', 'result'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'driftline_detection_latency_seconds',
    help: 'Time from the change (managedFields time, whole seconds) to its detection.',
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly watchRestarts = new Counter({
    name: 'driftline_watch_restarts_total',
    help: 'Watches restarted (expired after 410, closed by the server, or failed).',
    labelNames: ['cluster', 'resource', 'reason'],
    registers: [this.registry],
  });
  private readonly apiErrors = new Counter({
    name: 'driftline_api_errors_total',
    help: 'Failed Kubernetes API calls, by cluster and error code.',
    labelNames: ['cluster', 'code'],
    registers: [this.registry],
  });
  private readonly reachable = new Gauge({
    name: 'driftline_cluster_reachable',
    help: '1 when the cluster API server answers, 0 when it is Unreachable.',
    labelNames: ['cluster'],
    registers: [this.registry],
  });
  private readonly notifications = new Counter({
    name: 'driftline_notifications_total',
    help: 'Notification deliveries by receiver and outcome (sent, failed, dropped).',
    labelNames: ['receiver', 'outcome'],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'driftline_' });
    const self = this;
    new Gauge({
      name: 'driftline_managed_objects',
      help: 'Objects Driftline manages, by cluster and profile.',
      labelNames: ['cluster', 'profile'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const g of self.allGauges()) this.set({ cluster: g.cluster, profile: g.profile }, g.managed);
      },
    });
    new Gauge({
      name: 'driftline_drifted_objects',
      help: 'Objects currently drifted or contested, by cluster and profile.',
      labelNames: ['cluster', 'profile'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const g of self.allGauges()) this.set({ cluster: g.cluster, profile: g.profile }, g.drifted);
      },
    });
    new Gauge({
      name: 'driftline_drift_age_seconds',
      help: 'Age of the oldest ongoing drift, by cluster and profile (0 when none).',
      labelNames: ['cluster', 'profile'],
      registers: [this.registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const g of self.allGauges())
          this.set(
            { cluster: g.cluster, profile: g.profile },
            g.oldestDriftSince === undefined ? 0 : Math.max(0, (now - g.oldestDriftSince) / 1000),
          );
      },
    });
  }

  /** Counts a new drift and observes its detection latency. */
  driftDetected(cluster: string, profile: string, kind: string, latencySeconds?: number): void {
    this.driftsTotal.inc({ cluster, profile, kind });
    if (latencySeconds !== undefined) this.latency.observe(latencySeconds);
  }

  /** Counts a correction by result. */
  corrected(cluster: string, profile: string, kind: string, result: string): void {
    this.correctionsTotal.inc({ cluster, profile, kind, result });
  }

  /** Counts a watch restart. */
  watchRestarted(cluster: string, resource: string, reason: string): void {
    this.watchRestarts.inc({ cluster, resource, reason });
  }

  /** Counts a failed API call. */
  apiError(cluster: string, code: string): void {
    this.apiErrors.inc({ cluster, code });
  }

  /** Sets reachability of a cluster. */
  clusterReachable(cluster: string, reachable: boolean): void {
    this.known.add(cluster);
    this.reachable.set({ cluster }, reachable ? 1 : 0);
  }

  /** Replaces the per-profile gauges of a cluster. */
  profileGauges(cluster: string, gauges: ProfileGauge[]): void {
    this.gauges.set(cluster, gauges);
    if (!this.known.has(cluster)) this.clusterReachable(cluster, true);
  }

  /** Forgets a cluster that left the fleet. */
  clusterRemoved(cluster: string): void {
    this.gauges.delete(cluster);
    this.known.delete(cluster);
    this.reachable.remove({ cluster });
  }

  /** Counts a notification outcome (dispatcher `onResult`). */
  notification(receiver: string, outcome: string): void {
    this.notifications.inc({ receiver, outcome });
  }

  /** The exposition text. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private allGauges(): ProfileGauge[] {
    return [...this.gauges.values()].flat();
  }
}
