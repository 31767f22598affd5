// `backup diff` between two backups and against the live cluster, on a real API server, through the CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { configMap, namespace, secret } from '../../src/lab/builders/index.js';
import { type CliResult, driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';

const NS = 'diff-app';
const ORIGINAL_PASSWORD = 'hunter2-original-value';
const ROTATED_PASSWORD = 'swordfish-rotated-value';
const SECRETS = [ORIGINAL_PASSWORD, ROTATED_PASSWORD].flatMap((v) => [v, Buffer.from(v).toString('base64')]);

let env: TestEnv;
let kubeconfig: string;
let cmRef: ResourceRef;
let secretRef: ResourceRef;
const store = mkdtempSync(join(tmpdir(), 'driftline-diff-store-'));
const outputs: CliResult[] = [];

async function cli(...args: string[]): Promise<CliResult> {
  const result = await driftline(['--kubeconfig', kubeconfig, ...args, '--store', store]);
  outputs.push(result);
  return result;
}

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
  const { client } = env.cluster('mgmt');
  cmRef = await client.resolve({ kind: 'ConfigMap' });
  secretRef = await client.resolve({ kind: 'Secret' });
  await env.create('mgmt', [
    namespace(NS).build(),
    configMap(NS, 'settings').data({ mode: 'blue', replicas: '3' }).build(),
    configMap(NS, 'retired').data({ a: 'b' }).build(),
    secret(NS, 'db-credentials').data({ password: ORIGINAL_PASSWORD, user: 'admin' }).build(),
  ]);
  expect((await cli('backup', 'create', 'before', '--include-namespaces', NS)).code).toBe(0);

  await client.patch(cmRef, NS, 'settings', { data: { mode: 'green' } }, 'merge');
  await client.delete(cmRef, NS, 'retired');
  await env.create('mgmt', [configMap(NS, 'fresh').data({ x: 'y' }).build()]);
  const rotated = Buffer.from(ROTATED_PASSWORD).toString('base64');
  await client.patch(secretRef, NS, 'db-credentials', { data: { password: rotated } }, 'merge');
  expect((await cli('backup', 'create', 'after', '--include-namespaces', NS)).code).toBe(0);
});
afterAll(async () => {
  await env?.stop();
});

describe('backup diff A B', () => {
  it('prints added, removed and changed objects with their changed fields, and exits 1', async () => {
    const result = await cli('backup', 'diff', 'before', 'after');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const rows = result.stdout.split('\n');
    expect(rows[0]).toMatch(/^KIND\s+NAMESPACE\s+NAME\s+CHANGE\s+FIELDS$/);
    expect(rows).toContainEqual(expect.stringMatching(/^ConfigMap\s+diff-app\s+fresh\s+added\s+-$/));
    expect(rows).toContainEqual(expect.stringMatching(/^ConfigMap\s+diff-app\s+retired\s+removed\s+-$/));
    expect(rows).toContainEqual(
      expect.stringMatching(/^ConfigMap\s+diff-app\s+settings\s+changed\s+\/data\/mode$/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/^Secret\s+diff-app\s+db-credentials\s+changed\s+\/data\/password$/),
    );
    expect(result.stdout).toContain('1 added, 1 removed, 2 changed');
  });

  it('gives the same findings as JSON, with old and new values except for Secrets', async () => {
    const result = await cli('backup', 'diff', 'before', 'after', '-o', 'json');
    expect(result.code).toBe(1);
    const diff = JSON.parse(result.stdout) as {
      summary: Record<string, number>;
      differences: {
        kind: string;
        name: string;
        change: string;
        fields: { path: string; old?: unknown; new?: unknown }[];
      }[];
    };
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 2 });
    const settings = diff.differences.find((d) => d.name === 'settings');
    expect(settings?.fields).toEqual([{ path: '/data/mode', op: 'replace', old: 'blue', new: 'green' }]);
    const creds = diff.differences.find((d) => d.name === 'db-credentials');
    expect(creds?.fields).toEqual([
      { path: '/data/password', op: 'replace', old: '(redacted)', new: '(redacted, value changed)' },
    ]);
  });

  it('renders a unified diff of the YAML, Secret values redacted', async () => {
    const result = await cli('backup', 'diff', 'before', 'after', '-o', 'unified');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('--- before/core/ConfigMap/diff-app/settings');
    expect(result.stdout).toContain('-  mode: blue\n+  mode: green\n');
    expect(result.stdout).toContain('--- /dev/null\n+++ after/core/ConfigMap/diff-app/fresh');
    expect(result.stdout).toContain('+++ /dev/null');
    expect(result.stdout).toContain('-  password: (redacted)\n+  password: (redacted, value changed)\n');
  });

  it('exits 0 for identical backups', async () => {
    const result = await cli('backup', 'diff', 'before', 'before');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No differences: 0 added, 0 removed, 0 changed, \d+ unchanged/);
  });

  it('exits 2 for a missing backup or a missing second side', async () => {
    const missing = await cli('backup', 'diff', 'before', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('backup nope not found');
    const neither = await cli('backup', 'diff', 'before');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give either a second backup or --live');
  });
});

describe('backup diff A --live', () => {
  it('exits 0 when the cluster still matches the backup', async () => {
    const result = await cli('backup', 'diff', 'after', '--live');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^No differences/);
    expect(result.code).toBe(0);
  });

  it('shows what changed in the cluster since the backup', async () => {
    const { client } = env.cluster('mgmt');
    await client.patch(cmRef, NS, 'settings', { data: { replicas: '5' } }, 'merge');
    // Outside the backup's namespaces: not part of the comparison.
    await env.create('mgmt', [namespace('elsewhere').build(), configMap('elsewhere', 'other').build()]);
    const result = await cli('backup', 'diff', 'after', '--live', '-o', 'json');
    expect(result.code).toBe(1);
    const diff = JSON.parse(result.stdout) as {
      to: string;
      differences: { name: string; fields: unknown[] }[];
    };
    expect(diff.to).toBe('live');
    expect(diff.differences).toEqual([
      expect.objectContaining({
        name: 'settings',
        change: 'changed',
        fields: [{ path: '/data/replicas', op: 'replace', old: '3', new: '5' }],
      }),
    ]);
  });

  it('reports a Secret changed in the cluster without its value', async () => {
    const { client } = env.cluster('mgmt');
    const back = Buffer.from(ORIGINAL_PASSWORD).toString('base64');
    await client.patch(secretRef, NS, 'db-credentials', { data: { password: back } }, 'merge');
    const result = await cli('backup', 'diff', 'after', '--live', '-o', 'unified');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('+  password: (redacted, value changed)');
  });
});

describe('secret values', () => {
  it('never appear in any output, not even base64-encoded', () => {
    expect(outputs.length).toBeGreaterThan(8);
    for (const { stdout, stderr } of outputs)
      for (const value of SECRETS) {
        expect(stdout).not.toContain(value);
        expect(stderr).not.toContain(value);
      }
  });
});
