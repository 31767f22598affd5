/** Kubernetes label selectors: the string form (`a=b,c in (d,e),!f`) and matchLabels/matchExpressions (pure). */
import { DriftlineError } from '../common/errors.js';

/** One requirement of a selector. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A parsed selector: every requirement must hold. */
export type LabelSelector = Requirement[];

/** Parses kubectl's `-l` syntax. */
export function parseLabelSelector(text: string): LabelSelector {
  const out: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const p = part.trim();
    if (!p) continue;
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^!\s*([\w./-]+)$/))) out.push({ key: m[1]!, operator: 'DoesNotExist', values: [] });
    else if ((m = p.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/i))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter(Boolean);
      out.push({ key: m[1]!, operator: m[2]!.toLowerCase() === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = p.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) {
      out.push({ key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] });
    } else if ((m = p.match(/^([\w./-]+)$/))) out.push({ key: m[1]!, operator: 'Exists', values: [] });
    else throw new DriftlineError('usage', `invalid label selector ${JSON.stringify(text)} near ${JSON.stringify(p)}`);
  }
  return out;
}

/** Converts a Kubernetes LabelSelector object (matchLabels/matchExpressions). */
export function fromLabelSelectorObject(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): LabelSelector {
  const out: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  for (const e of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
      throw new DriftlineError('usage', `unknown selector operator ${e.operator} for key ${e.key}`);
    }
    out.push({ key: e.key, operator: e.operator as Requirement['operator'], values: e.values ?? [] });
  }
  return out;
}

/** True when `labels` satisfy every requirement. */
export function matchesLabelSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  return selector.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    switch (r.operator) {
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'In':
        return has && r.values.includes(labels[r.key]!);
      case 'NotIn':
        return !has || !r.values.includes(labels[r.key]!);
    }
  });
}

// Commas inside `in (a,b)` do not separate requirements.
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
