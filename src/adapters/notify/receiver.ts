/** What every notification receiver implements, and the HTTP POST they share. */

import { DriftlineError } from '../../common/errors.js';
import type { DriftEvent } from '../../profiles/events.js';

/** A destination for drift events. `send` rejects on failure; the dispatcher retries. */
export interface Receiver {
  readonly name: string;
  send(event: DriftEvent): Promise<void>;
}

/** A receiver answered with an error status or not at all; `code` is `notify.failed`. */
export class NotifyError extends DriftlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('notify.failed', message, options);
  }
}

/** POSTs JSON to `url`; rejects on a non-2xx answer or after `timeoutMs`. */
export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'driftline', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (err) {
    throw new NotifyError(`cannot post to ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new NotifyError(`${redactUrl(url)} answered HTTP ${res.status}`);
}

/** A URL without its path and query (Slack webhook paths are credentials). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid url)';
  }
}
