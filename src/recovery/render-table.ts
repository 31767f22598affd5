/** Renders a report as a terminal tree like `tanzu cluster get`: cluster → control plane / workers → machines. */
import { clusterTitle, foundOverDesired, headlineFacts } from './render-common.js';
import type {
  ClusterReport,
  Counts,
  GhostReport,
  MachineReport,
  PoolReport,
  RecoveryDriftReport,
} from './report-schema.js';
import type { AnyStatus } from './status.js';

/** Options of the table. */
export interface TableOptions {
  /** ANSI colours for statuses (the CLI decides: TTY and no NO_COLOR). */
  color?: boolean;
  /** Longest message shown before it is cut with `…`; 0 for no limit. Default 100. */
  maxMessage?: number;
}

interface TreeNode {
  label: string;
  status: AnyStatus | '';
  found: string;
  message: string;
  children: TreeNode[];
}

const COLOR: Record<AnyStatus, string> = {
  Healthy: '\u001b[32m',
  Unknown: '\u001b[33m',
  Stale: '\u001b[31m',
  Drifted: '\u001b[31m',
  Ghost: '\u001b[35m',
  Error: '\u001b[1;31m',
};

function leaf(label: string, status: AnyStatus, message: string): TreeNode {
  return { label, status, found: '', message, children: [] };
}

function machineNode(m: MachineReport): TreeNode {
  return leaf(`Machine/${m.name}`, m.status, m.status === 'Healthy' ? '' : m.reason);
}

function ghostNode(g: GhostReport): TreeNode {
  return leaf(`Ghost ${g.kind}/${g.name}`, g.status, g.evidence);
}

function level(
  label: string,
  r: { status: AnyStatus; message: string; counts: Counts },
  children: TreeNode[],
): TreeNode {
  return { label, status: r.status, found: foundOverDesired(r.counts), message: r.message, children };
}

function poolNode(p: PoolReport, ghosts: GhostReport[]): TreeNode {
  const own = ghosts.filter((g) => g.role === 'worker' && g.pool === p.name).map(ghostNode);
  return level(`MachineDeployment/${p.name}`, p, [...p.machines.map(machineNode), ...own]);
}

function clusterNode(c: ClusterReport): TreeNode {
  const cp = c.controlPlane;
  const cpLabel = cp.kind && cp.name ? `ControlPlane - ${cp.kind}/${cp.name}` : 'ControlPlane';
  const cpGhosts = c.ghosts.filter((g) => g.role === 'control-plane').map(ghostNode);
  const pools = new Set(c.workers.pools.map((p) => p.name));
  const looseWorkers = c.ghosts.filter((g) => g.role === 'worker' && (g.pool === null || !pools.has(g.pool)));
  const workers = [...c.workers.pools.map((p) => poolNode(p, c.ghosts)), ...looseWorkers.map(ghostNode)];
  const children = [
    level(cpLabel, cp, [...cp.machines.map(machineNode), ...cpGhosts]),
    level('Workers', c.workers, workers),
    ...c.ghosts.filter((g) => g.role === 'unknown').map(ghostNode),
  ];
  const stale = c.stale ? ' (stale cluster)' : '';
  return level(`${clusterTitle(c)}${stale}`, c, children);
}

interface Row {
  name: string;
  status: AnyStatus | '';
  found: string;
  message: string;
}

function flatten(node: TreeNode, prefix: string, isLast: boolean, isRoot: boolean, rows: Row[]): void {
  const branch = isRoot ? '' : isLast ? '└─' : '├─';
  rows.push({
    name: `${prefix}${branch}${node.label}`,
    status: node.status,
    found: node.found,
    message: node.message,
  });
  const childPrefix = isRoot ? '' : `${prefix}${isLast ? '  ' : '│ '}`;
  node.children.forEach((child, i) => {
    flatten(child, childPrefix, i === node.children.length - 1, false, rows);
  });
}

/** Replaces control characters so names from vCenter cannot move the cursor or recolour the terminal. */
export function sanitizeForTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function cut(text: string, max: number): string {
  const clean = sanitizeForTerminal(text);
  return max > 0 && clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function formatRows(rows: Row[], options: TableOptions): string[] {
  const max = options.maxMessage ?? 100;
  const cells = rows.map((r) => [cut(r.name, 0), r.status, r.found, cut(r.message, max)] as const);
  const header = ['NAME', 'STATUS', 'FOUND/DESIRED', 'MESSAGE'] as const;
  const width = (i: 0 | 1 | 2) => Math.max(header[i].length, ...cells.map((c) => [...c[i]].length));
  const widths = [width(0), width(1), width(2)];
  const pad = (text: string, i: number) =>
    text + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...text].length));
  const paint = (status: string, padded: string) =>
    options.color && status ? `${COLOR[status as AnyStatus]}${padded}\u001b[0m` : padded;
  const lines = [header.map((h, i) => (i < 3 ? pad(h, i) : h)).join('  ')];
  for (const [name, status, found, message] of cells) {
    lines.push([pad(name, 0), paint(status, pad(status, 1)), pad(found, 2), message].join('  ').trimEnd());
  }
  return lines;
}

/** The human table `driftline detect` prints without `-o`: one tree per cluster, then the summary. */
export function renderTable(report: RecoveryDriftReport, options: TableOptions = {}): string {
  const rows: Row[] = [];
  for (const c of report.clusters) flatten(clusterNode(c), '', true, true, rows);
  const s = report.summary;
  const lines = rows.length > 0 ? formatRows(rows, options) : ['No clusters to show.'];
  const summary = `Summary: ${s.status} — ${sanitizeForTerminal(s.message)}`;
  const facts = headlineFacts(report).map((f) => sanitizeForTerminal(f));
  return `${[...facts, '', ...lines, '', summary].join('\n')}\n`;
}
