/** Drift events: what notifications carry (drift, correction, contest, recovery) and their de-duplication key (pure). */
import type { FieldChange } from '../diff/index.js';
import { describeKey } from '../model/resource-key.js';
import type { Attribution } from './attribution.js';
import { hashObject } from './desired.js';
import type { DriftKind } from './drift.js';
import type { ObjectStatus } from './status.js';
import type { Correction } from './types.js';

/** The four things people are told about. */
export type DriftEventType = 'drift' | 'corrected' | 'contested' | 'recovered';

/** One notification-worthy event; `diff` is redacted already. */
export interface DriftEvent {
  type: DriftEventType;
  at: string;
  cluster: string;
  profile: string;
  object: { apiVersion: string; kind: string; namespace: string; name: string };
  status: ObjectStatus;
  drift?: DriftKind;
  correction: Correction;
  diff: FieldChange[];
  attribution: Attribution[];
  message: string;
  /** On `corrected`: an automatic correction, or one requested (`drift correct`). */
  by?: 'auto' | 'manual';
}

/** De-duplication key: the same event type for the same object and diff is sent once. */
export function dedupKey(event: DriftEvent): string {
  const o = event.object;
  return `${event.type}|${event.cluster}|${o.kind}|${o.namespace}|${o.name}|${hashObject(event.diff)}`;
}

/** The object's name in messages: `ConfigMap ns/name`. */
export function eventObjectName(event: DriftEvent): string {
  return describeKey(event.object);
}

/** Who changed it, in words: `kubectl-edit (Update, 2024-…)`, or `unknown`. */
export function describeAttribution(attribution: readonly Attribution[]): string {
  if (attribution.length === 0) return 'unknown';
  return attribution
    .map((a) => `${a.manager}${a.inferred ? '?' : ''} (${[a.operation, a.time].filter(Boolean).join(', ')})`)
    .join(', ');
}

/** A one-line summary for chat and Kubernetes Events (field paths only, never values). */
export function summarizeEvent(event: DriftEvent): string {
  const what = `${eventObjectName(event)} on ${event.cluster} (profile ${event.profile})`;
  const paths = event.diff.map((c) => c.path || '(whole object)').slice(0, 5);
  const more = event.diff.length > 5 ? ` and ${event.diff.length - 5} more` : '';
  const fields = paths.length > 0 ? `: ${paths.join(', ')}${more}` : '';
  switch (event.type) {
    case 'drift':
      return event.drift === 'missing'
        ? `${what} was deleted`
        : `${what} drifted${fields}; changed by ${describeAttribution(event.attribution)}`;
    case 'corrected':
      return `${what} corrected${fields}`;
    case 'contested':
      return `${what} is contested by ${describeAttribution(event.attribution)}: ${event.message}`;
    case 'recovered':
      return `${what} is in sync again`;
  }
}
