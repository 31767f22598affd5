/** renderTable: the `tanzu cluster get`-style tree, found/desired counts, terminal safety. */
import { describe, expect, it } from 'vitest';
import { driftedFleetReport } from '../../test/support/recovery/fixtures.js';
import { renderTable } from './render-table.js';
import { filterHealthy } from './report.js';

describe('renderTable', () => {
  it('draws cluster → control plane → machines and workers → pools → machines with found/desired', () => {
    const text = renderTable(driftedFleetReport());
    const lines = text.split('\n');
    const names = lines.map((l) => l.replace(/\s{2,}(Healthy|Stale|Ghost|Unknown|Drifted|Error)\b.*$/, ''));
    expect(names).toContain('prod/ok');
    expect(names).toContain('prod/wc1');
    expect(names).toContain('├─ControlPlane - KubeadmControlPlane/wc1-control-plane');
    expect(names).toContain('└─Workers');
    expect(names).toContain('  ├─MachineDeployment/wc1-md-0');
    expect(names).toContain('  └─MachineDeployment/wc1-md-1');
    expect(names).toContain('    └─Ghost VM/wc1-md-1-ghost-00001');
    expect(lines.find((l) => l.startsWith('  ├─MachineDeployment/wc1-md-0'))).toMatch(
      /Drifted\s+1\/2\s+1 Stale, 1 Healthy/,
    );
    expect(lines.find((l) => l.startsWith('  └─MachineDeployment/wc1-md-1'))).toMatch(
      /Drifted\s+1\/1\s+1 Ghost, 1 Healthy/,
    );
    expect(lines.find((l) => l.startsWith('prod/ok'))).toMatch(/Healthy\s+6\/6/);
    expect(text).toContain('TLS certificate verification was SKIPPED');
    expect(text).toMatch(
      /Summary: Drifted — 2 clusters \(1 Drifted, 1 Healthy\); machines: 1 Stale, 1 Ghost, 11 Healthy\n$/,
    );
  });

  it('shows only drifted clusters and machines when healthy ones are filtered, with the same counts', () => {
    const text = renderTable(filterHealthy(driftedFleetReport()));
    expect(text).not.toMatch(/^prod\/ok/m);
    expect(text).not.toMatch(/Machine\/wc1-control-plane/);
    expect(text).toMatch(/^prod\/wc1\s+Drifted\s+5\/6/m);
  });

  it.each([
    { name: 'an ANSI escape', hostile: 'wc1-md-1-\u001b[2J\u001b[31mevil', absent: '\u001b' },
    { name: 'a newline', hostile: 'wc1-md-1-line\nbreak', absent: 'line\nbreak' },
  ])('cannot be steered by $name in a VM name', ({ hostile, absent }) => {
    const text = renderTable(driftedFleetReport(hostile));
    expect(text).not.toContain(absent);
    expect(text).toContain('Ghost VM/wc1-md-1-');
  });

  it('colours statuses only when asked', () => {
    expect(renderTable(driftedFleetReport())).not.toContain('\u001b[');
    expect(renderTable(driftedFleetReport(), { color: true })).toContain('\u001b[31mDrifted');
  });
});
