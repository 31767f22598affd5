/** Text pieces shared by `backup describe` and `restore describe`, in Velero's wording. */
import type { BackupResults } from '../../format/index.js';

/** Errors or warnings by scope, like `velero … describe --details` prints them. */
export function resultLines(title: string, r: BackupResults['errors']): string[] {
  const out: string[] = [];
  for (const m of r.velero ?? []) out.push(`  Velero:   ${m}`);
  for (const m of r.cluster ?? []) out.push(`  Cluster:  ${m}`);
  for (const [ns, msgs] of Object.entries(r.namespaces ?? {})) {
    for (const m of msgs ?? []) out.push(`  Namespace ${ns}: ${m}`);
  }
  return [`${title}:`, ...(out.length ? out : ['  <none>'])];
}

/** A LabelSelector object as `-l` text, or `<none>`. */
export function selectorText(selector: unknown): string {
  const sel = selector as
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values?: string[] }[];
      }
    | undefined;
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? [])
    parts.push(`${e.key} ${e.operator} (${(e.values ?? []).join(',')})`);
  return parts.join(',') || '<none>';
}
