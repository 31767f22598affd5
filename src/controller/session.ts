/** Wires a running drift session: controller, notification dispatcher, Prometheus metrics and `/metrics`. */

import type { Creator } from '../adapters/kube/interfaces.js';
import { DriftMetrics } from '../adapters/metrics/prometheus.js';
import { type MetricsServer, serveMetrics } from '../adapters/metrics/server.js';
import { NotificationDispatcher } from '../adapters/notify/dispatcher.js';
import type { InvolvedObject } from '../adapters/notify/kube-events.js';
import { KubeEventReceiver } from '../adapters/notify/kube-events.js';
import type { Receiver } from '../adapters/notify/receiver.js';
import { SlackReceiver } from '../adapters/notify/slack.js';
import { WebhookReceiver } from '../adapters/notify/webhook.js';
import type { Logger } from '../common/logger.js';
import type { Profile } from '../profiles/types.js';
import { DriftController } from './drift-controller.js';
import type { FleetSource } from './fleet.js';
import type { StateStore } from './ports.js';

/** Where notifications go. */
export interface NotifyTargets {
  webhooks?: string[];
  slack?: string[];
  /** Kubernetes Events in the management cluster, on each workload cluster's Cluster object. */
  events?: { client: Creator; involvedFor(cluster: string): InvolvedObject | undefined };
}

/** Options of a drift session. */
export interface SessionOptions {
  profiles: Profile[];
  fleet: FleetSource;
  store: StateStore;
  notify?: NotifyTargets;
  /** Serve `/metrics` here (port 0: any free port). */
  metricsAddress?: { host: string; port: number };
  logger: Logger;
  /** One pass without watches, then stop (`drift run --once`). */
  once?: boolean;
}

/** A running session. */
export interface DriftSession {
  controller: DriftController;
  dispatcher: NotificationDispatcher;
  metrics: DriftMetrics;
  metricsUrl?: string;
  /** Stops the controller, delivers queued notifications (bounded wait), closes `/metrics`. */
  stop(): Promise<void>;
}

/** Builds receivers for the configured targets. */
export function buildReceivers(targets: NotifyTargets = {}): Receiver[] {
  return [
    ...(targets.webhooks ?? []).map((url) => new WebhookReceiver(url)),
    ...(targets.slack ?? []).map((url) => new SlackReceiver(url)),
    ...(targets.events ? [new KubeEventReceiver(targets.events.client, targets.events.involvedFor)] : []),
  ];
}

/** Starts a session and waits for the first pass over the fleet. */
export async function startDriftSession(options: SessionOptions): Promise<DriftSession> {
  const metrics = new DriftMetrics();
  const dispatcher = new NotificationDispatcher(buildReceivers(options.notify), {
    logger: options.logger,
    onResult: (receiver, outcome) => metrics.notification(receiver, outcome),
  });
  let server: MetricsServer | undefined;
  if (options.metricsAddress)
    server = await serveMetrics(metrics, options.metricsAddress.host, options.metricsAddress.port);
  const controller = new DriftController({ ...options, notifier: dispatcher, metrics, watch: !options.once });
  try {
    await controller.start();
    await controller.ready();
  } catch (err) {
    await controller.stop().catch(() => undefined);
    await server?.close();
    throw err;
  }
  return {
    controller,
    dispatcher,
    metrics,
    metricsUrl: server?.url,
    stop: async () => {
      await controller.stop();
      await dispatcher.flush(5000);
      await server?.close();
    },
  };
}
