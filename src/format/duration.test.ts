import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

const H = 3_600_000;

describe('durations', () => {
  it.each([
    ['720h', 720 * H, '720h0m0s'],
    ['24h0m0s', 24 * H, '24h0m0s'],
    ['30m', 30 * 60_000, '30m0s'],
    ['1h30m', 1.5 * H, '1h30m0s'],
    ['1.5h', 1.5 * H, '1h30m0s'],
    ['90s', 90_000, '1m30s'],
    ['1.5s', 1500, '1.5s'],
    ['250ms', 250, '250ms'],
    ['0', 0, '0s'],
    ['-2m', -120_000, '-2m0s'],
    ['1h0m0.25s', H + 250, '1h0m0.25s'],
  ])('parses %j as %i ms and formats it back as %j', (text, ms, formatted) => {
    expect(parseDuration(text)).toBe(ms);
    expect(formatDuration(ms)).toBe(formatted);
  });

  it.each(['', '720', 'h', '1d', '1h 30m', '.h', '--1h', '1hh'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'format.invalid-duration' }));
  });
});
