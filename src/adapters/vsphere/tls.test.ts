/** Tests for thumbprint normalisation and formatting. */
import { describe, expect, it } from 'vitest';
import { formatThumbprint, normalizeThumbprint } from './tls.js';

const CANONICAL = '2C11EDD713877DB57418B81C42C2561F0DB95BB9';
const DISPLAY = '2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9';

describe('normalizeThumbprint', () => {
  it.each([
    ['the colon form vSphere shows', DISPLAY],
    ['lower case', DISPLAY.toLowerCase()],
    ['no separators', CANONICAL.toLowerCase()],
    ['surrounding and inner spaces', ` ${DISPLAY.replaceAll(':', ' ')} `],
    ['dashes', DISPLAY.replaceAll(':', '-')],
  ])('accepts %s', (_name, input) => {
    expect(normalizeThumbprint(input)).toBe(CANONICAL);
  });

  it.each([
    ['too short', DISPLAY.slice(0, -3)],
    ['a SHA-256 fingerprint', `${DISPLAY}:${DISPLAY.slice(0, 35)}`],
    ['non-hex digits', DISPLAY.replace('2C', 'ZZ')],
    ['empty', ''],
  ])('rejects %s as a vsphere.tls error', (_name, input) => {
    expect(() => normalizeThumbprint(input)).toThrow(expect.objectContaining({ code: 'vsphere.tls' }));
  });
});

describe('formatThumbprint', () => {
  it('formats any accepted form as upper-case colon pairs', () => {
    expect(formatThumbprint(CANONICAL.toLowerCase())).toBe(DISPLAY);
  });
});
