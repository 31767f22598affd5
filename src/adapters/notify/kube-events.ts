/** Kubernetes Events in the management cluster, on the workload cluster's `Cluster` object. */
import { randomBytes } from 'node:crypto';
import type { DriftEvent } from '../../profiles/events.js';
import { summarizeEvent } from '../../profiles/events.js';
import { CORE_RESOURCES } from '../kube/core-resources.js';
import type { Creator } from '../kube/interfaces.js';
import type { Receiver } from './receiver.js';

/** The object an Event is about. */
export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}

/** Event reasons by drift event type. */
export const EVENT_REASONS: Record<DriftEvent['type'], string> = {
  drift: 'DriftDetected',
  corrected: 'DriftCorrected',
  contested: 'DriftContested',
  recovered: 'DriftResolved',
};

/** Builds the core/v1 Event for a drift event. */
export function kubeEvent(
  event: DriftEvent,
  involved: InvolvedObject,
  now = new Date(),
): Record<string, unknown> & { metadata: { name: string; namespace: string } } {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involved.name}.driftline.${randomBytes(6).toString('hex')}`,
      namespace: involved.namespace,
    },
    involvedObject: involved,
    reason: EVENT_REASONS[event.type],
    message: summarizeEvent(event).slice(0, 1024),
    type: event.type === 'drift' || event.type === 'contested' ? 'Warning' : 'Normal',
    source: { component: 'driftline' },
    reportingComponent: 'driftline',
    reportingInstance: 'driftline',
    firstTimestamp: stamp,
    lastTimestamp: stamp,
    count: 1,
  };
}

/** Records events on the Cluster object of the drifted cluster; clusters without one are skipped. */
export class KubeEventReceiver implements Receiver {
  readonly name = 'kubernetes-events';

  constructor(
    private readonly client: Creator,
    private readonly involvedFor: (cluster: string) => InvolvedObject | undefined,
  ) {}

  async send(event: DriftEvent): Promise<void> {
    const involved = this.involvedFor(event.cluster);
    if (!involved) return;
    await this.client.create(CORE_RESOURCES.events, kubeEvent(event, involved) as never);
  }
}
