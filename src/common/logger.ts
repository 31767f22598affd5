/** Structured logging (pino) on stderr: `warning: …` lines for people, JSON with -D or DRIFTLINE_LOG_LEVEL. */
import { createRequire } from 'node:module';
import type { DestinationStream, Logger } from 'pino';
import { UsageError } from './errors.js';

export type { Logger } from 'pino';

/** Paths pino must never print: credentials and Secret payloads. */
const REDACT_PATHS = [
  '*.password',
  '*.token',
  '*.authorization',
  '*.Authorization',
  '*.data',
  '*.stringData',
  'headers.authorization',
];

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// pino is loaded with the first logger, not with this module: most commands never make one, and
// start-up is paid on every command (docs/benchmarks.md, Start-up). It is CommonJS, so require is sync.
const require = createRequire(import.meta.url);
const pino = (): typeof import('pino').pino => (require('pino') as typeof import('pino')).pino;

/** How the CLI asks for a logger. */
export interface LoggerOptions {
  /** `-D`: debug-level JSON lines. */
  debug?: boolean;
  /** A pino level; wins over `DRIFTLINE_LOG_LEVEL` and `debug`. */
  level?: string;
  /** Where `DRIFTLINE_LOG_LEVEL` is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where lines go (default: file descriptor 2). */
  stderr?: NodeJS.WritableStream;
}

/**
 * Creates the process logger. With `-D` (debug) or `DRIFTLINE_LOG_LEVEL` it writes pino's JSON
 * lines at that level, for machines (a Deployment's log). Otherwise only warnings and errors
 * reach stderr, and as one readable line each (`warning: cluster unreachable (cluster=wc1, …)`),
 * because they are meant for the person who ran the command, not for a log collector.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = logLevel(options);
  const settings = { base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (level !== undefined)
    return pino()({ ...settings, level }, options.stderr ?? pino().destination({ fd: 2, sync: true }));
  return pino()({ ...settings, level: 'warn' }, readableLines(options.stderr ?? process.stderr));
}

/**
 * The JSON log level the options ask for (undefined: readable warnings only), without making a
 * logger; throws the usage error for an unknown `DRIFTLINE_LOG_LEVEL` as createLogger does.
 */
export function logLevel(options: LoggerOptions): string | undefined {
  const env = options.env ?? process.env;
  const level =
    options.level ?? (env.DRIFTLINE_LOG_LEVEL || undefined) ?? (options.debug ? 'debug' : undefined);
  if (level !== undefined && !LEVELS.includes(level))
    throw new UsageError(`DRIFTLINE_LOG_LEVEL=${level}: expected one of ${LEVELS.join('|')}`);
  return level;
}

/** A logger that discards everything; the default for library calls and tests. */
export function silentLogger(): Logger {
  return pino()({ level: 'silent' });
}

// pino's JSON line (already redacted) as `warning: msg (key=value, …)`.
function readableLines(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string): void {
      const { level, time: _time, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
      const details = Object.entries(fields).map(([k, v]) => `${k}=${readable(v)}`);
      const prefix = typeof level === 'number' && level >= 50 ? 'error' : 'warning';
      out.write(`${prefix}: ${String(msg ?? '')}${details.length > 0 ? ` (${details.join(', ')})` : ''}\n`);
    },
  };
}

// An error pino serialised ({type, message, stack}) reads as its message; other values as JSON.
function readable(value: unknown): string {
  if (typeof value === 'string') return value;
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(value);
}
