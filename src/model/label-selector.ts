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

// Each requirement form of kubectl's syntax, tried in order.
const FORMS: [RegExp, (m: RegExpMatchArray) => Requirement][] = [
  [/^!\s*([\w./-]+)$/, (m) => ({ key: m[1]!, operator: 'DoesNotExist', values: [] })],
  [
    /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/i,
    (m) => ({
      key: m[1]!,
      operator: m[2]!.toLowerCase() === 'in' ? 'In' : 'NotIn',
      values: m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    }),
  ],
  [
    /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/,
    (m) => ({ key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] }),
  ],
  [/^([\w./-]+)$/, (m) => ({ key: m[1]!, operator: 'Exists', values: [] })],
];

/** Parses kubectl's `-l` syntax. */
export function parseLabelSelector(text: string): LabelSelector {
  const out: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const p = part.trim();
    if (!p) continue;
    const form = FORMS.map(([re, build]) => [p.match(re), build] as const).find(([m]) => m !== null);
    if (!form)
      throw new DriftlineError(
        'usage',
        `invalid label selector ${JSON.stringify(text)} near ${JSON.stringify(p)}`,
      );
    out.push(form[1](form[0]!));
  }
  return out;
}

/** Converts a Kubernetes LabelSelector object (matchLabels/matchExpressions). */
export function fromLabelSelectorObject(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): LabelSelector {
  const out: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({
    key,
    operator: 'In',
    values: [v],
  }));
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
  return selector.every((r) => holds(r, labels));
}

function holds(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  if (r.operator === 'Exists') return has;
  if (r.operator === 'DoesNotExist') return !has;
  const matches = has && r.values.includes(labels[r.key]!);
  return r.operator === 'In' ? matches : !matches;
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
