/** renderMarkdown: fits a ticket, lists findings with exact commands, escapes hostile names. */
import { describe, expect, it } from 'vitest';
import { driftedFleetReport } from '../../test/support/recovery/fixtures.js';
import { codeBlock, escapeMarkdown, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('summarises every cluster in a table and details only the drifted ones', () => {
    const md = renderMarkdown(driftedFleetReport());
    expect(md).toMatch(/^# Recovery drift: Drifted\n/);
    expect(md).toContain('| prod/ok | **Healthy** | 3/3 | 3/3 | 0 |');
    expect(md).toContain('| prod/wc1 | **Drifted** | 3/3 | 2/3 | 1 |');
    expect(md).toContain('## prod/wc1: Drifted');
    expect(md).not.toContain('## prod/ok');
    expect(md).toContain('- **Ghost** Ghost VM wc1-md-1-ghost-00001 (worker, pool wc1-md-1)');
    expect(md).toContain('      govc vm.destroy -vm.uuid 4200cccc-0000-4000-8000-00000000000a');
    expect(md).toContain('etcd quorum 3/3 healthy, needs 2: holds.');
  });

  it('keeps a hostile VM name from injecting HTML, links or table cells', () => {
    const md = renderMarkdown(driftedFleetReport('wc1-md-1-<img src=x onerror=alert(1)>|[x](http://e.vil)`'));
    expect(md).not.toMatch(/<img/);
    expect(md).not.toMatch(/[^\\]\]\(http/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;\\|\\[x\\](http://e.vil)');
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['<b>', '&lt;b&gt;'],
    ['*x* _y_', '\\*x\\* \\_y\\_'],
    ['two\nlines', 'two lines'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('fences code with more backticks than it contains', () => {
    expect(codeBlock('echo ```')).toBe('````sh\necho ```\n````');
  });
});
