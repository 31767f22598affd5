import { describe, expect, it } from 'vitest';
import { checkLocalRequest } from './local-only.js';

describe('checkLocalRequest', () => {
  it.each([
    ['curl to 127.0.0.1', { host: '127.0.0.1:8080' }],
    ['curl to localhost', { host: 'localhost:8080' }],
    ['curl to ::1', { host: '[::1]:8080' }],
    ['the same origin (the dashboard)', { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }],
  ])('answers %s', (_name, headers) => {
    expect(() => checkLocalRequest(headers)).not.toThrow();
  });

  it.each([
    ['no Host', {}],
    ['a DNS name rebound to loopback', { host: 'evil.example:8080' }],
    ['another page', { host: '127.0.0.1:8080', origin: 'https://evil.example' }],
    ['another local port', { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:3000' }],
    ['a sandboxed page', { host: '127.0.0.1:8080', origin: 'null' }],
  ])('refuses %s', (_name, headers) => {
    expect(() => checkLocalRequest(headers)).toThrow(expect.objectContaining({ code: 'auth.forbidden' }));
  });
});
