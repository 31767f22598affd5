import { describe, expect, it } from 'vitest';
import { DriftlineError } from '../common/errors.js';
import { errorReply, HttpError } from './errors.js';

describe('errorReply', () => {
  it.each([
    ['no or invalid token is 401', new HttpError('auth.unauthenticated', 'no bearer token'), 401],
    ['a denied review is 403', new HttpError('auth.forbidden', 'user "u" may not x'), 403],
    ['an unanswered review is 503', new HttpError('auth.unavailable', 'no answer'), 503],
    ['an unknown path is 404', new HttpError('http.not-found', 'no route /x'), 404],
    ['a bad body is 400', new HttpError('http.bad-request', 'not JSON'), 400],
  ])('%s, with its code and message', (_name, err, status) => {
    expect(errorReply(err)).toEqual({ status, body: { error: { code: err.code, message: err.message } } });
  });

  it.each([
    ['a plain Error', new Error('secret at /var/run/token abc123')],
    ['another capability error', new DriftlineError('kube.unreachable', 'cannot reach https://10.0.0.1')],
    ['a thrown string', 'boom'],
  ])('hides the message of %s behind a 500', (_name, err) => {
    const reply = errorReply(err);
    expect(reply).toEqual({
      status: 500,
      body: { error: { code: 'http.internal', message: 'internal error; see the server log' } },
    });
  });
});
