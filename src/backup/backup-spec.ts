/** Conversions between Driftline's selection options and the Velero Backup spec (pure). */
import type { LabelSelector as VeleroLabelSelector } from '../format/index.js';
import { parseLabelSelector } from '../model/label-selector.js';

/** Turns `-l` text into the LabelSelector object stored in `spec.labelSelector`. */
export function fromSelectorText(text: string): VeleroLabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: string; values?: string[] }[] = [];
  for (const r of parseLabelSelector(text)) {
    if (r.operator === 'In' && r.values.length === 1 && !(r.key in matchLabels))
      matchLabels[r.key] = r.values[0]!;
    else
      matchExpressions.push({
        key: r.key,
        operator: r.operator,
        ...(r.values.length > 0 && { values: r.values }),
      });
  }
  return {
    ...(Object.keys(matchLabels).length > 0 && { matchLabels }),
    ...(matchExpressions.length > 0 && { matchExpressions }),
  } as VeleroLabelSelector;
}
