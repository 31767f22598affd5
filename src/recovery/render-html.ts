/** Renders a report as ONE self-contained HTML file: inline CSS, no scripts, no external resources, all text escaped. */
import { clusterTitle, findingsOf, foundOverDesired, headlineFacts } from './render-common.js';
import type { ClusterReport, MachineReport, RecoveryDriftReport, RemediationStep } from './report-schema.js';
import type { AnyStatus } from './status.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d232a;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d5dbe1;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e6eaee;vertical-align:top}
th{background:#f4f6f8}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{background:#f4f6f8;padding:.4rem .6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:.2rem 0}
.s{font-weight:600;padding:.05rem .4rem;border-radius:.25rem;white-space:nowrap}
.Healthy{background:#e3f5e6;color:#1b6b2c}.Unknown{background:#fff4d6;color:#7a5600}
.Stale,.Drifted{background:#fde4e1;color:#a1261a}.Ghost{background:#f1e4fb;color:#6b2a99}.Error{background:#a1261a;color:#fff}
.facts li{color:#505a64}.warn{color:#a1261a;font-weight:600}ol{margin:.2rem 0 .6rem}details{margin:.4rem 0}
`;

function badge(status: AnyStatus | string): string {
  return `<span class="s ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
}

function tag(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function row(cells: readonly string[], cell = 'td'): string {
  return tag('tr', cells.map((c) => tag(cell, c)).join(''));
}

function steps(list: readonly RemediationStep[]): string {
  if (list.length === 0) return '';
  const items = list.map((s) => {
    const mode = s.action.automated ? 'automated' : 'manual';
    const head = `${escapeHtml(s.description)} <small>(${escapeHtml(s.action.type)}, ${mode})</small>`;
    return tag('li', `${head}<pre>${escapeHtml(s.command)}</pre>`);
  });
  return tag('ol', items.join(''));
}

function summaryTable(report: RecoveryDriftReport): string {
  const head = row(['Cluster', 'Status', 'Control plane', 'Workers', 'Ghosts', 'Message'], 'th');
  const rows = report.clusters.map((c) =>
    row([
      `<a href="#${escapeHtml(anchor(c))}">${escapeHtml(clusterTitle(c))}</a>`,
      `${badge(c.status)}${c.stale ? ' <em>stale cluster</em>' : ''}`,
      escapeHtml(foundOverDesired(c.controlPlane.counts)),
      escapeHtml(foundOverDesired(c.workers.counts)),
      String(c.ghosts.length),
      escapeHtml(c.message),
    ]),
  );
  return `<table>${head}${rows.join('')}</table>`;
}

function anchor(c: ClusterReport): string {
  return `cluster-${c.namespace}-${c.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function machineRows(machines: readonly MachineReport[], group: string): string[] {
  return machines.map((m) =>
    row([
      escapeHtml(group),
      escapeHtml(m.name),
      badge(m.status),
      escapeHtml(m.vm?.name ?? '—'),
      escapeHtml(m.node?.name ?? '—'),
      escapeHtml(m.reason),
    ]),
  );
}

function machineTable(c: ClusterReport): string {
  const rows = [
    ...machineRows(c.controlPlane.machines, `control plane ${foundOverDesired(c.controlPlane.counts)}`),
    ...c.workers.pools.flatMap((p) => machineRows(p.machines, `${p.name} ${foundOverDesired(p.counts)}`)),
  ];
  if (rows.length === 0) return '';
  const head = row(['Level', 'Machine', 'Status', 'VM', 'Node', 'Reason'], 'th');
  return `<details><summary>Machines (${rows.length})</summary><table>${head}${rows.join('')}</table></details>`;
}

function findingsHtml(c: ClusterReport): string {
  const items = findingsOf(c).map((f) => {
    const where = f.pool ? `, pool ${escapeHtml(f.pool)}` : '';
    const head = `${badge(f.status)} ${escapeHtml(f.kind)} <code>${escapeHtml(f.name)}</code> (${escapeHtml(f.role)}${where}): ${escapeHtml(f.reason)}`;
    return tag('li', head + steps(f.remediation));
  });
  return items.length > 0 ? `<h3>Findings</h3><ul>${items.join('')}</ul>` : '';
}

function clusterSection(c: ClusterReport): string {
  const q = c.controlPlane.quorum;
  const quorum = q
    ? tag(
        'p',
        `etcd quorum: ${q.healthy} of ${q.desired} healthy, needs ${q.needed}: ${q.holds ? 'holds' : '<span class="warn">does not hold</span>'}`,
      )
    : '';
  const problems = c.problems.map((p) => tag('li', `${badge('Error')} ${escapeHtml(p)}`)).join('');
  const clusterSteps = c.remediation.length > 0 ? `<h3>Cluster</h3>${steps(c.remediation)}` : '';
  return [
    `<section id="${escapeHtml(anchor(c))}">`,
    `<h2>${escapeHtml(clusterTitle(c))} ${badge(c.status)}</h2>`,
    tag('p', escapeHtml(c.message)),
    quorum,
    problems ? `<ul>${problems}</ul>` : '',
    clusterSteps,
    findingsHtml(c),
    machineTable(c),
    '</section>',
  ].join('\n');
}

/** One HTML page a person can open offline: summary, a table of clusters, findings with their steps. */
export function renderHtml(report: RecoveryDriftReport): string {
  const s = report.summary;
  const facts = headlineFacts(report).map((f) =>
    tag('li', f.includes('SKIPPED') ? `<span class="warn">${escapeHtml(f)}</span>` : escapeHtml(f)),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Recovery drift: ${escapeHtml(s.status)} — ${escapeHtml(report.backup.name)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>Recovery drift ${badge(s.status)}</h1>`,
    `<ul class="facts">${facts.join('')}</ul>`,
    tag('p', escapeHtml(s.message)),
    report.clusters.length > 0 ? summaryTable(report) : '<p>No clusters to show.</p>',
    ...report.clusters.map(clusterSection),
    '</body></html>',
    '',
  ].join('\n');
}
