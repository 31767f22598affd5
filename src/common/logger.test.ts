import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from './logger.js';

function capture(options: LoggerOptions): { text: () => string; options: LoggerOptions } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c) => (text += c));
  return { text: () => text, options: { ...options, stderr } };
}

describe('createLogger', () => {
  it('prints warnings and errors as readable lines without -D, and nothing below warn', () => {
    const out = capture({ env: {} });
    const log = createLogger(out.options);
    log.info('deployed');
    log.warn({ cluster: 'wc1', err: 'connect ECONNREFUSED' }, 'cluster unreachable');
    log.error({ err: new Error('boom') }, 'notification failed');
    expect(out.text()).toBe(
      'warning: cluster unreachable (cluster=wc1, err=connect ECONNREFUSED)\n' +
        'error: notification failed (err=boom)\n',
    );
  });

  it('redacts credentials in the readable lines too', () => {
    const out = capture({ env: {} });
    createLogger(out.options).warn({ request: { token: 'hunter2' } }, 'retrying');
    expect(out.text()).toBe('warning: retrying (request={"token":"[redacted]"})\n');
  });

  it.each<[string, LoggerOptions, string]>([
    ['-D', { debug: true, env: {} }, 'debug'],
    ['DRIFTLINE_LOG_LEVEL', { env: { DRIFTLINE_LOG_LEVEL: 'info' } }, 'info'],
  ])('writes JSON lines at the level %s asks for', (_name, options, level) => {
    const out = capture(options);
    const log = createLogger(out.options);
    log[level as 'debug' | 'info']({ cluster: 'wc1' }, 'watching');
    expect(JSON.parse(out.text())).toMatchObject({ msg: 'watching', cluster: 'wc1' });
  });

  it('refuses an unknown DRIFTLINE_LOG_LEVEL with the usage code', () => {
    expect(() => createLogger({ env: { DRIFTLINE_LOG_LEVEL: 'loud' } })).toThrow(
      /DRIFTLINE_LOG_LEVEL=loud: expected one of fatal\|error\|warn/,
    );
  });
});
