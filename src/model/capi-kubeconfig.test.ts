import { describe, expect, it } from 'vitest';
import { decodeKubeconfigSecret } from './capi-kubeconfig.js';

const KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\n';
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const secret = (data: unknown) => ({ metadata: { namespace: 'prod', name: 'wc1-kubeconfig' }, data });

describe('decodeKubeconfigSecret', () => {
  it('decodes data key "value" to the kubeconfig text', () => {
    expect(decodeKubeconfigSecret(secret({ value: b64(KUBECONFIG) }))).toEqual({
      ok: true,
      text: KUBECONFIG,
    });
  });

  it('accepts base64 wrapped over several lines', () => {
    const wrapped = b64(KUBECONFIG).replace(/(.{16})/g, '$1\n');
    expect(decodeKubeconfigSecret(secret({ value: wrapped }))).toEqual({ ok: true, text: KUBECONFIG });
  });

  it.each([
    ['no data at all', undefined, 'Secret prod/wc1-kubeconfig has no data key "value"'],
    [
      'another data key only',
      { kubeconfig: b64(KUBECONFIG) },
      'Secret prod/wc1-kubeconfig has no data key "value"',
    ],
    ['an empty value', { value: '' }, 'Secret prod/wc1-kubeconfig data "value" is empty'],
    ['a value that is not base64', { value: '!!not base64!!' }, 'data "value" is not valid base64 text'],
    [
      'a value that is not UTF-8 text',
      { value: b64(Buffer.from([0xff, 0xfe, 0x00])) },
      'is not valid base64 text',
    ],
  ])('refuses %s, naming the Secret', (_name, data, problem) => {
    const decoded = decodeKubeconfigSecret(secret(data));
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.problem).toContain(problem);
  });

  it('never puts the Secret data in its problem', () => {
    const decoded = decodeKubeconfigSecret(secret({ value: 'c2VjcmV0LXRva2Vu!' }));
    expect(JSON.stringify(decoded)).not.toContain('c2VjcmV0LXRva2Vu');
  });
});
