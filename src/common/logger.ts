/** Structured logging (pino) to stderr; silent unless --debug or DRIFTLINE_LOG_LEVEL asks. */
import { type Logger, pino } from 'pino';

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

/** Creates the process logger. `debug` turns on debug-level JSON lines on stderr. */
export function createLogger(options: { debug?: boolean; level?: string } = {}): Logger {
  const level = options.level ?? process.env.DRIFTLINE_LOG_LEVEL ?? (options.debug ? 'debug' : 'warn');
  return pino(
    { level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that discards everything; the default for library calls and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
