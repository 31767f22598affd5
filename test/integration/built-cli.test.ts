// The CLI as `npm run build` ships it (bin/driftline.js over dist/), against a real API server.
// The build replaces @kubernetes/client-node with a tree-shaken bundle of KubeConfig and Watch
// (ADR 0008); everything else in the suite imports the package as published, so this is where
// the bundle is proven: kubeconfig loading and requests by a real backup, and a real watch.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestEnv } from '../env/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/driftline.js');
const BUNDLE = join(ROOT, 'dist/src/adapters/kube/client-node.js');
const run = promisify(execFile);

let env: TestEnv;

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does)`);
  env = await TestEnv.start({ clusters: ['built'] });
  const { client } = env.cluster('built');
  await client.create(
    { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shipped', namespace: 'default' },
      data: { a: '1' },
    },
  );
});

afterAll(async () => {
  await env?.stop();
});

describe('the built CLI', () => {
  it('backs up a real cluster and describes the backup', async () => {
    const store = mkdtempSync(join(tmpdir(), 'driftline-built-'));
    const kubeconfig = env.cluster('built').server.kubeconfigPath;
    const common = ['--kubeconfig', kubeconfig];
    const created = await run(process.execPath, [
      BIN,
      ...common,
      'backup',
      'create',
      'shipped',
      '--include-resources',
      'configmaps',
      '--store',
      store,
    ]);
    expect(created.stdout).toContain('Backup shipped Completed');
    const described = await run(process.execPath, [
      BIN,
      'backup',
      'describe',
      'shipped',
      '--store',
      store,
      '-o',
      'json',
    ]);
    const { backup } = JSON.parse(described.stdout) as {
      backup: { status: { phase: string; progress: { itemsBackedUp: number } } };
    };
    expect(backup.status.phase).toBe('Completed');
    expect(backup.status.progress.itemsBackedUp).toBeGreaterThanOrEqual(1);
  });

  it('ships a client-node bundle whose Watch delivers events from a real server', async () => {
    const { KubeConfig, Watch } = (await import(BUNDLE)) as typeof import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(env.cluster('built').server.kubeconfigPath);
    const seen = new Promise<string>((resolveSeen, reject) => {
      void new Watch(kc)
        .watch(
          '/api/v1/namespaces/default/configmaps',
          {},
          (type, obj: { metadata: { name: string } }) => resolveSeen(`${type} ${obj.metadata.name}`),
          (err) => (err ? reject(err) : undefined),
        )
        .then((req) => setTimeout(() => req.abort(), 10_000));
    });
    expect(await seen).toBe('ADDED shipped');
  });
});
