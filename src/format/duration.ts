/** Go `time.Duration` strings (`720h`, `24h0m0s`, `1.5h`, `30m`) as Velero stores TTLs. */
import { FormatError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const COMPONENT = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Parses a Go duration into milliseconds; throws `format.invalid-duration` for anything Go would reject. */
export function parseDuration(text: string): number {
  const invalid = (): FormatError =>
    new FormatError(
      'format.invalid-duration',
      `invalid duration ${JSON.stringify(text)} (expected e.g. 720h, 24h0m0s, 30m)`,
    );
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < rest.length) {
    const match = COMPONENT.exec(rest);
    if (!match) throw invalid();
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isFinite(total)) throw invalid();
  return sign * total;
}

/** Formats milliseconds as Go's `Duration.String()` does: `720h0m0s`, `1m30s`, `1.5s`, `250ms`, `0s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new FormatError('format.invalid-duration', `invalid duration ${ms}`);
  const rounded = Math.round(ms);
  if (rounded === 0) return '0s';
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const millis = abs % 60_000;
  const seconds = `${Math.floor(millis / 1000)}${
    millis % 1000
      ? `.${String(millis % 1000)
          .padStart(3, '0')
          .replace(/0+$/, '')}`
      : ''
  }s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}
