/** Renders a report as Markdown that fits a ticket: summary table, then findings and steps per drifted cluster. */
import type { Finding } from './render-common.js';
import { clusterTitle, findingsOf, foundOverDesired, headlineFacts } from './render-common.js';
import type { ClusterReport, RecoveryDriftReport, RemediationStep } from './report-schema.js';

/** Escapes text for inline Markdown and table cells: no HTML, links, emphasis or cell breaks get through. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(code: string, lang = 'sh'): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function summaryTable(report: RecoveryDriftReport): string[] {
  const lines = [
    row(['Cluster', 'Status', 'Control plane', 'Workers', 'Ghosts', 'Message']),
    row(['---', '---', '---', '---', '---', '---']),
  ];
  for (const c of report.clusters) {
    lines.push(
      row([
        escapeMarkdown(clusterTitle(c)),
        `**${c.status}**${c.stale ? ' (stale cluster)' : ''}`,
        foundOverDesired(c.controlPlane.counts),
        foundOverDesired(c.workers.counts),
        String(c.ghosts.length),
        escapeMarkdown(c.message),
      ]),
    );
  }
  return lines;
}

function stepLines(steps: readonly RemediationStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const auto = s.action.automated ? `\`${s.action.type}\`, automated` : `\`${s.action.type}\`, manual`;
    out.push(`   ${s.order}. ${escapeMarkdown(s.description)} (${auto})`);
    out.push(
      ...codeBlock(s.command)
        .split('\n')
        .map((l) => `      ${l}`),
    );
  }
  return out;
}

function findingLines(f: Finding): string[] {
  const where = f.pool ? `, pool ${escapeMarkdown(f.pool)}` : '';
  const head = `- **${f.status}** ${f.kind} ${escapeMarkdown(f.name)} (${escapeMarkdown(f.role)}${where}): ${escapeMarkdown(f.reason)}`;
  return f.remediation.length > 0 ? [head, ...stepLines(f.remediation)] : [head];
}

function clusterSection(c: ClusterReport): string[] {
  const lines = [`## ${escapeMarkdown(clusterTitle(c))}: ${c.status}`, '', escapeMarkdown(c.message), ''];
  const q = c.controlPlane.quorum;
  if (q)
    lines.push(
      `Control plane ${foundOverDesired(c.controlPlane.counts)}; etcd quorum ${q.healthy}/${q.desired} healthy, needs ${q.needed}: ${q.holds ? 'holds' : '**does not hold**'}.`,
      '',
    );
  for (const p of c.problems) lines.push(`- **Error**: ${escapeMarkdown(p)}`);
  if (c.remediation.length > 0) lines.push('- **Cluster**:', ...stepLines(c.remediation));
  for (const f of findingsOf(c)) lines.push(...findingLines(f));
  lines.push('');
  return lines;
}

/** Markdown for a ticket: headline, one row per cluster, then the findings and their steps. */
export function renderMarkdown(report: RecoveryDriftReport): string {
  const s = report.summary;
  const lines = [
    `# Recovery drift: ${s.status}`,
    '',
    ...headlineFacts(report).map((f) => `- ${escapeMarkdown(f)}`),
    '',
    `**Summary**: ${escapeMarkdown(s.message)}`,
    '',
  ];
  if (report.clusters.length > 0) lines.push(...summaryTable(report), '');
  for (const c of report.clusters.filter((x) => x.status !== 'Healthy')) lines.push(...clusterSection(c));
  return `${lines.join('\n').trimEnd()}\n`;
}
