// backup create/list/describe/download/diff/delete through the CLI against a real S3 server (s3rver),
// checking the keys in the bucket follow Velero's BackupStorageLocation layout under the prefix.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../src/adapters/store/s3-store.js';
import { configMap, namespace, secret } from '../../src/lab/builders/index.js';
import { type CliResult, driftline } from '../cli.js';
import { TestEnv } from '../env/harness.js';
import { type S3Server, startS3Server } from '../env/s3.js';

const NS = 's3-app';
const PREFIX = 'some/prefix';
let env: TestEnv;
let s3: S3Server;
let kubeconfig: string;
let credentialsFile: string;

function cli(...args: string[]): Promise<CliResult> {
  const store = [
    '--store',
    `s3://velero/${PREFIX}`,
    '--s3-endpoint',
    s3.endpoint,
    '--s3-credentials-file',
    credentialsFile,
  ];
  return driftline(['--kubeconfig', kubeconfig, ...args, ...store]);
}

async function bucketKeys(prefix = ''): Promise<string[]> {
  const bucket = new S3ObjectStore({ bucket: 'velero', endpoint: s3.endpoint, credentialsFile });
  const keys: string[] = [];
  for await (const key of bucket.list(prefix)) keys.push(key);
  return keys.sort();
}

beforeAll(async () => {
  [env, s3] = await Promise.all([
    TestEnv.start({ clusters: ['mgmt'] }),
    startS3Server({ buckets: ['velero'] }),
  ]);
  kubeconfig = env.cluster('mgmt').server.kubeconfigPath;
  credentialsFile = join(mkdtempSync(join(tmpdir(), 'creds-')), 'credentials-velero');
  writeFileSync(
    credentialsFile,
    `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n`,
  );
  await env.create('mgmt', [
    namespace(NS).build(),
    configMap(NS, 'settings').data({ a: 'b' }).build(),
    secret(NS, 'token').data({ token: 's3-test-token' }).build(),
  ]);
});
afterAll(async () => {
  await Promise.all([env?.stop(), s3?.stop()]);
});

describe('a backup store in S3', () => {
  it('creates a backup laid out exactly like a Velero BackupStorageLocation under the prefix', async () => {
    const create = await cli('backup', 'create', 'first', '--include-namespaces', NS);
    expect(create.code).toBe(0);
    expect(create.stdout).toMatch(/^Backup first Completed: 3 items, 0 errors, 0 warnings → s3:\/\/velero\//);

    const base = `${PREFIX}/backups/first/first`;
    expect(await bucketKeys()).toEqual(
      [
        `${base}-itemoperations.json.gz`,
        `${base}-logs.gz`,
        `${base}-podvolumebackups.json.gz`,
        `${base}-resource-list.json.gz`,
        `${base}-results.gz`,
        `${base}-volumeinfo.json.gz`,
        `${base}-volumesnapshots.json.gz`,
        `${base}.tar.gz`,
        `${PREFIX}/backups/first/velero-backup.json`,
      ].sort(),
    );
  });

  it('lists and describes the backup with its resource list', async () => {
    const list = await cli('backup', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\nfirst\s+Completed\s+0\s+0\s+\S+\s+(29|30)d/);

    const describe = await cli('backup', 'describe', 'first', '--details');
    expect(describe.code).toBe(0);
    expect(describe.stdout).toContain('Phase:  Completed');
    expect(describe.stdout).toMatch(/v1\/ConfigMap:\n\s+- s3-app\/settings/);
    expect(describe.stdout).toMatch(/v1\/Secret:\n\s+- s3-app\/token/);
  });

  it('downloads the tarball, which inspect reads without a store', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dl-')), 'first-data.tar.gz');
    const download = await cli('backup', 'download', 'first', '-o', file);
    expect(download.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const inspect = await driftline(['backup', 'inspect', file, '-o', 'json']);
    expect(JSON.parse(inspect.stdout)).toMatchObject({
      formatVersion: '1.1.0',
      items: 3,
      byType: { 'v1/ConfigMap': 1, 'v1/Namespace': 1, 'v1/Secret': 1 },
    });
  });

  it('diffs two backups in the bucket', async () => {
    const { client } = env.cluster('mgmt');
    await client.patch(
      await client.resolve({ kind: 'ConfigMap' }),
      NS,
      'settings',
      { data: { a: 'c' } },
      'merge',
    );
    expect((await cli('backup', 'create', 'second', '--include-namespaces', NS)).code).toBe(0);
    const diff = await cli('backup', 'diff', 'first', 'second');
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/ConfigMap\s+s3-app\s+settings\s+changed\s+\/data\/a/);
    expect((await cli('backup', 'diff', 'second', '--live')).code).toBe(0);
  });

  it('deletes every key of a backup and nothing else', async () => {
    expect((await cli('backup', 'delete', 'first', '--confirm')).code).toBe(0);
    const keys = await bucketKeys();
    expect(keys.filter((k) => k.startsWith(`${PREFIX}/backups/first/`))).toEqual([]);
    expect(keys.filter((k) => k.startsWith(`${PREFIX}/backups/second/`))).toHaveLength(9);
    expect(keys.every((k) => k.startsWith(`${PREFIX}/backups/`))).toBe(true);
    const gone = await cli('backup', 'describe', 'first');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('backup first not found');
  });
});
