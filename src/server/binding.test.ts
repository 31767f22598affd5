import { describe, expect, it } from 'vitest';
import { checkBinding, isLoopback } from './binding.js';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['127.example.com', false],
  ])('%s is loopback: %s', (host, want) => {
    expect(isLoopback(host)).toBe(want);
  });
});

describe('checkBinding', () => {
  it.each([
    ['plain HTTP on loopback', { host: '127.0.0.1', tls: false, noAuth: false }],
    ['TLS on any address', { host: '0.0.0.0', tls: true, noAuth: false }],
    [
      'plain HTTP behind a proxy when asked',
      { host: '0.0.0.0', tls: false, insecureHttpBehindProxy: true, noAuth: false },
    ],
    ['--no-auth on loopback', { host: '::1', tls: false, noAuth: true }],
  ])('allows %s', (_name, options) => {
    expect(() => checkBinding(options)).not.toThrow();
  });

  it.each([
    [
      'plain HTTP on a public address',
      { host: '0.0.0.0', tls: false, noAuth: false },
      'server.insecure-bind',
    ],
    [
      '--no-auth on a public address, even with TLS',
      { host: '0.0.0.0', tls: true, noAuth: true },
      'server.no-auth-bind',
    ],
    [
      '--no-auth behind a proxy',
      { host: '10.0.0.5', tls: false, insecureHttpBehindProxy: true, noAuth: true },
      'server.no-auth-bind',
    ],
  ])('refuses %s', (_name, options, code) => {
    expect(() => checkBinding(options)).toThrow(expect.objectContaining({ code }));
  });
});
