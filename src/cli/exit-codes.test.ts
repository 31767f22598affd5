import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DriftlineError } from '../common/errors.js';
import { ProfileError } from '../profiles/errors.js';
import { EXIT_ERROR, reportError } from './exit-codes.js';

function systemError(code: string, message: string, extra: Record<string, unknown>): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code, ...extra });
}

function jsonError(): unknown {
  try {
    JSON.parse('{a');
  } catch (err) {
    return err;
  }
}

function report(err: unknown, debug = false): { code: number; err: string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c) => (text += c));
  const code = reportError(err, stderr, debug);
  return { code, err: text };
}

describe('reportError', () => {
  it.each<[string, unknown, string]>([
    [
      'keeps the code of a Driftline error',
      new DriftlineError('kube.unreachable', 'cannot reach https://x:6443'),
      'error: cannot reach https://x:6443 [kube.unreachable]\n',
    ],
    [
      'names the missing path of ENOENT',
      systemError('ENOENT', "no such file or directory, open '/nope.json'", { path: '/nope.json' }),
      'error: /nope.json does not exist [fs.not-found]\n',
    ],
    [
      'names the existing path of EEXIST',
      systemError('EEXIST', "file already exists, open 'b-data.tar.gz'", { path: 'b-data.tar.gz' }),
      'error: b-data.tar.gz already exists [fs.exists]\n',
    ],
    [
      'says permission denied for EACCES',
      systemError('EACCES', "permission denied, open '/etc/shadow'", { path: '/etc/shadow' }),
      'error: permission denied: /etc/shadow [fs.permission-denied]\n',
    ],
    [
      'names the address of a refused connection, even inside a library error',
      new TypeError('fetch failed', {
        cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', {
          address: '127.0.0.1',
          port: 9,
        }),
      }),
      'error: connection refused by 127.0.0.1:9 [net.refused]\n',
    ],
    [
      'gives an unknown system error a system code without the errno prefix',
      systemError('EXDEV', 'cross-device link not permitted', {}),
      'error: cross-device link not permitted [system.exdev]\n',
    ],
    [
      'calls a JSON syntax error invalid JSON',
      jsonError(),
      // V8's wording: Node 22+ adds the line and column.
      expect.stringMatching(
        /^error: invalid JSON: expected property name or '}' in JSON at position 1( \(line 1 column 2\))? \[input\.invalid-json\]\n$/,
      ),
    ],
    ['gives any other error a code', new Error('boom'), 'error: boom [unexpected]\n'],
    ['gives a thrown string a code', 'boom', 'error: boom [unexpected]\n'],
    [
      'prints every problem of a profile on its own line',
      ProfileError.of(['p.yaml:7:13: spec.syncMode: invalid option', 'p.yaml:9:7: spec.tier: too small']),
      'error: p.yaml:7:13: spec.syncMode: invalid option [profile.invalid]\n' +
        'error: p.yaml:9:7: spec.tier: too small [profile.invalid]\n',
    ],
  ])('%s', (_name, err, expected) => {
    expect(report(err)).toEqual({ code: EXIT_ERROR, err: expected });
  });

  it('shows the stack of the original error with --debug', () => {
    const { err } = report(systemError('ENOENT', 'no such file', { path: '/x' }), true);
    expect(err).toMatch(/^error: \/x does not exist \[fs\.not-found\]\nError: ENOENT: no such file\n {4}at /);
  });
});
