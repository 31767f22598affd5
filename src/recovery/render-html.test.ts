/** renderHtml: one self-contained page, nothing external, every name escaped. */
import { describe, expect, it } from 'vitest';
import { driftedFleetReport } from '../../test/support/recovery/fixtures.js';
import { escapeHtml, renderHtml } from './render-html.js';

const HOSTILE = `wc1-md-1-"><script>alert('x')</script><img src=//e.vil/p.png>`;

describe('renderHtml', () => {
  it('is one self-contained document: inline CSS, no scripts, no external resources', () => {
    const html = renderHtml(driftedFleetReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<a href="#cluster-prod-wc1">prod/wc1</a>');
    expect(html).toContain('<pre>govc vm.destroy -vm.uuid 4200cccc-0000-4000-8000-00000000000a</pre>');
    expect(html).toContain('TLS certificate verification was SKIPPED');
  });

  it('escapes a hostile VM name everywhere it appears', () => {
    const html = renderHtml(driftedFleetReport(HOSTILE));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('-"><');
    expect(html).toContain('&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;');
  });

  it.each([
    ['<a href="x">', '&#60;a href=&#34;x&#34;&#62;'],
    ["it's & that", 'it&#39;s &#38; that'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});
