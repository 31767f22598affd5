// The runtime the suite runs on, and what the built CLI prints there. `npm test` runs the suite on the
// machine's Node and again on Node 24 (scripts/test-node24.mjs, ADR 0009); on each, the CLI's stderr
// holds only its own words: no DeprecationWarning from the client-node bundle (punycode), no AWS SDK
// notice about Node versions on S3 commands.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Server, startS3Server } from '../env/s3.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/driftline.js');
const BUNDLE = join(ROOT, 'dist/src/adapters/kube/client-node.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI on this test's own Node, with nothing in the environment that hides warnings. */
function builtCli(args: string[]): Promise<Run> {
  const {
    NODE_OPTIONS: _options,
    NODE_NO_WARNINGS: _noWarnings,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _sdkSwitch,
    ...env
  } = process.env;
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), 'driftline-runtime-'));
let s3: S3Server;
let credentialsFile: string;

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does)`);
  s3 = await startS3Server({ buckets: ['velero'] });
  credentialsFile = join(dir, 'credentials-velero');
  writeFileSync(
    credentialsFile,
    `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n`,
  );
});

afterAll(async () => {
  await s3?.stop();
});

describe('the Node runtime', () => {
  it('is the one this run asked for, in the test workers too', () => {
    const expected = process.env.DRIFTLINE_EXPECT_NODE;
    if (expected) expect(process.version).toBe(expected);
    else expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
  });
});

describe(`the built CLI on Node ${process.version}`, () => {
  it('loads the Kubernetes client without a deprecation warning', async () => {
    const port = await closedPort();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: `https://127.0.0.1:${port}` } }],
        users: [{ name: 'u', user: { token: 'runtime-test' } }],
        contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'c',
      }),
    );
    const run = await builtCli(['--kubeconfig', kubeconfig, 'backup', 'create', 'probe', '--store', dir]);
    // The kube adapter ran (the request was refused), and its error is the only line on stderr.
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^error: .*\[kube\.unreachable\]$/),
    ]);
    expect(run.code).toBe(2);
  });

  it('runs an S3 command without the AWS SDK notice about Node versions', async () => {
    const run = await builtCli([
      ...['backup', 'list', '--store', 's3://velero/runtime'],
      ...['--s3-endpoint', s3.endpoint, '--s3-credentials-file', credentialsFile],
    ]);
    // The empty-list line, and nothing else.
    expect(run.stderr).toMatch(/^No backups in s3:\/\/velero\/\S*\.\n$/);
    expect(run.code).toBe(0);
  });
});
