import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeconfigFiles, loadKubeconfig } from './kubeconfig.js';

function kubeconfig(contexts: { name: string; server: string }[], current: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({ name: c.name, cluster: { server: c.server } })),
    users: contexts.map((c) => ({ name: c.name, user: { token: `secret-${c.name}` } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
    'current-context': current,
  });
}

const two = kubeconfig(
  [
    { name: 'mgmt', server: 'https://mgmt.example:6443' },
    { name: 'wc1', server: 'https://wc1.example:6443' },
  ],
  'mgmt',
);

describe('loadKubeconfig', () => {
  it('uses current-context from an inline kubeconfig such as a <cluster>-kubeconfig Secret value', () => {
    const loaded = loadKubeconfig({ inline: two });
    expect(loaded).toMatchObject({
      context: 'mgmt',
      server: 'https://mgmt.example:6443',
      origin: 'inline kubeconfig',
    });
  });

  it('switches to the context given with --context', () => {
    expect(loadKubeconfig({ inline: two, context: 'wc1' }).server).toBe('https://wc1.example:6443');
  });

  it('names the available contexts when the requested one is missing', () => {
    expect(() => loadKubeconfig({ inline: two, context: 'prod' })).toThrow(
      'context "prod" not found in inline kubeconfig (available: mgmt, wc1)',
    );
  });

  it('rejects garbage without echoing its content', () => {
    let message = '';
    try {
      loadKubeconfig({ inline: 'token: hunter2\n: : :' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^cannot load inline kubeconfig/);
    expect(message).not.toContain('hunter2');
  });

  it('merges KUBECONFIG lists with the first file winning, like kubectl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, kubeconfig([{ name: 'mgmt', server: 'https://first:6443' }], 'mgmt'));
    writeFileSync(b, kubeconfig([{ name: 'other', server: 'https://second:6443' }], 'other'));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` }, context: 'other' });
    expect(loaded.server).toBe('https://second:6443');
    expect(loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } }).context).toBe('mgmt');
  });
});

describe('a KUBECONFIG list defining the same names twice', () => {
  function files(...configs: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'kc-dup-'));
    return configs
      .map((text, i) => {
        const file = join(dir, `config-${i}`);
        writeFileSync(file, text);
        return file;
      })
      .join(':');
  }

  it('keeps the first definition of a context, cluster and user, as kubectl does', () => {
    const first = kubeconfig([{ name: 'mgmt', server: 'https://first:6443' }], 'mgmt');
    const second = kubeconfig(
      [
        { name: 'mgmt', server: 'https://second:6443' },
        { name: 'wc1', server: 'https://wc1:6443' },
      ],
      'wc1',
    );
    const KUBECONFIG = files(first, second);
    const loaded = loadKubeconfig({ env: { KUBECONFIG } });
    expect([loaded.context, loaded.server]).toEqual(['mgmt', 'https://first:6443']);
    expect(loaded.config.getCurrentUser()?.token).toBe('secret-mgmt');
    expect(loaded.config.getContexts().map((c) => c.name)).toEqual(['mgmt', 'wc1']);
    expect(loadKubeconfig({ env: { KUBECONFIG }, context: 'wc1' }).server).toBe('https://wc1:6443');
  });

  it('takes current-context from the first file that sets one', () => {
    const none = kubeconfig([{ name: 'mgmt', server: 'https://first:6443' }], '');
    const second = kubeconfig([{ name: 'mgmt', server: 'https://second:6443' }], 'mgmt');
    const loaded = loadKubeconfig({ env: { KUBECONFIG: files(none, second) } });
    expect([loaded.context, loaded.server]).toEqual(['mgmt', 'https://first:6443']);
  });
});

describe('kubeconfigFiles', () => {
  it.each([
    ['--kubeconfig wins over KUBECONFIG', { file: '/definitely/missing' }, /does not exist/],
    ['no kubeconfig anywhere yields an empty list', { env: { HOME: '/nonexistent' } }, []],
  ])('%s', (_name, source, expected) => {
    if (expected instanceof RegExp) expect(() => kubeconfigFiles(source)).toThrow(expected);
    else expect(kubeconfigFiles(source)).toEqual(expected);
  });

  it('says how to fix a missing kubeconfig', () => {
    expect(() => loadKubeconfig({ env: { HOME: '/nonexistent' } })).toThrow(
      /pass --kubeconfig, set KUBECONFIG/,
    );
  });
});
