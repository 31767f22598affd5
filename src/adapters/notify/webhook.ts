/** The generic webhook: the whole drift event as JSON, diff included (Secret values already redacted). */
import { API_VERSION } from '../../model/vocabulary.js';
import { type DriftEvent, summarizeEvent } from '../../profiles/events.js';
import { postJson, type Receiver, redactUrl } from './receiver.js';

/** The JSON body a generic webhook receives. */
export interface WebhookPayload extends DriftEvent {
  apiVersion: typeof API_VERSION;
  kind: 'DriftEvent';
  summary: string;
}

/** Builds the webhook body for an event. */
export function webhookPayload(event: DriftEvent): WebhookPayload {
  return {
    apiVersion: API_VERSION,
    kind: 'DriftEvent',
    ...event,
    summary: summarizeEvent(event),
  };
}

/** Posts each event to a URL as JSON. */
export class WebhookReceiver implements Receiver {
  readonly name: string;

  constructor(
    private readonly url: string,
    private readonly options: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ) {
    this.name = `webhook ${redactUrl(url)}`;
  }

  send(event: DriftEvent): Promise<void> {
    return postJson(this.url, webhookPayload(event), this.options);
  }
}
