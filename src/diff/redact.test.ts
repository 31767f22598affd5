import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/resource-key.js';
import { compareObjects } from './compare.js';
import { LAST_APPLIED_ANNOTATION, normalize } from './normalize.js';
import { REDACTED, REDACTED_CHANGED, redact, redactPair } from './redact.js';
import { renderObjectDiff } from './render.js';

const PASSWORD = 'hunter2-very-secret';
const NEW_PASSWORD = 'correct-horse-battery';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const secret = (password: string, extra: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'creds',
    namespace: 'prod',
    annotations: {
      [LAST_APPLIED_ANNOTATION]: JSON.stringify({ data: { password: b64(password) } }),
    },
  },
  type: 'Opaque',
  data: { password: b64(password), user: b64('admin'), ...extra },
  stringData: { token: password },
});

// Everything a diff can emit for these pairs, as text: values must appear in none of it.
function allOutputs(from: KubeObject | undefined, to: KubeObject | undefined): string {
  const a = from && normalize(from);
  const b = to && normalize(to);
  return [
    JSON.stringify(compareObjects(from, to)),
    JSON.stringify(compareObjects(a, b)),
    renderObjectDiff(a, b),
    renderObjectDiff(from, to),
    JSON.stringify(redactPair(from, to)),
    JSON.stringify(from && redact(from)),
    JSON.stringify(to && redact(to)),
  ].join('\n');
}

const forbidden = [PASSWORD, NEW_PASSWORD, b64(PASSWORD), b64(NEW_PASSWORD), b64('admin'), b64('x')];

describe('Secret redaction', () => {
  const cases: [string, KubeObject | undefined, KubeObject | undefined][] = [
    ['a changed value', secret(PASSWORD), secret(NEW_PASSWORD)],
    ['an added key', secret(PASSWORD), secret(PASSWORD, { extra: b64('x') })],
    ['a removed key', secret(PASSWORD, { extra: b64('x') }), secret(PASSWORD)],
    ['an added Secret', undefined, secret(NEW_PASSWORD)],
    ['a removed Secret', secret(PASSWORD), undefined],
    ['a Secret whose data map appeared', { ...secret(PASSWORD), data: undefined }, secret(PASSWORD)],
  ];
  it.each(cases)('never emits a value or its base64 for %s', (_name, from, to) => {
    const text = allOutputs(from, to);
    for (const value of forbidden) expect(text).not.toContain(value);
  });

  it('reports which key changed, with markers in place of the values', () => {
    const changes = compareObjects(normalize(secret(PASSWORD)), normalize(secret(NEW_PASSWORD)));
    expect(changes).toEqual([
      { path: '/data/password', op: 'replace', old: REDACTED, new: REDACTED_CHANGED },
      { path: '/stringData/token', op: 'replace', old: REDACTED, new: REDACTED_CHANGED },
    ]);
  });

  it('keeps the keys of a whole data map that was added', () => {
    const changes = compareObjects({ ...secret(PASSWORD), data: undefined }, secret(PASSWORD));
    expect(changes.find((c) => c.path === '/data')).toEqual({
      path: '/data',
      op: 'replace',
      old: REDACTED,
      new: { password: REDACTED_CHANGED, user: REDACTED_CHANGED },
    });
  });

  it('shows a changed key in the unified diff without its value', () => {
    const diff = renderObjectDiff(normalize(secret(PASSWORD)), normalize(secret(NEW_PASSWORD)));
    expect(diff).toContain(`-  password: ${REDACTED}`);
    expect(diff).toContain(`+  password: ${REDACTED_CHANGED}`);
    expect(diff).not.toMatch(/^[-+] {2}user:/m);
  });

  it('leaves other kinds alone', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } };
    expect(redact(cm)).toBe(cm);
    expect(compareObjects(cm, { ...cm, data: { k: 'w' } })).toEqual([
      { path: '/data/k', op: 'replace', old: 'v', new: 'w' },
    ]);
  });
});
