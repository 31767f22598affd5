/** Starts a real S3-compatible server (s3rver) in a child process for store tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { selfSignedCert } from '../../src/lab/kube-apiserver.js';

/** A running S3 server. */
export interface S3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** PEM of the serving certificate when started with TLS. */
  caPem?: string;
  caFile?: string;
  stop(): Promise<void>;
}

/** Starts s3rver with the given buckets; `tls` serves HTTPS with a fresh self-signed cert. */
export async function startS3Server(options: { buckets: string[]; tls?: boolean }): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'driftline-s3-'));
  const accessKeyId = 'driftline-test';
  const secretAccessKey = `secret-${Math.random().toString(36).slice(2)}`;
  let key: string | undefined;
  let cert: string | undefined;
  if (options.tls) {
    key = join(dir, 'tls.key');
    cert = join(dir, 'tls.crt');
    selfSignedCert(cert, key, 's3-test');
  }
  const script = fileURLToPath(new URL('./s3-server.mjs', import.meta.url));
  const args = JSON.stringify({
    directory: join(dir, 'data'),
    buckets: options.buckets,
    accessKeyId,
    secretAccessKey,
    key,
    cert,
  });
  const child = spawn(process.execPath, [script, args], { stdio: ['pipe', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    accessKeyId,
    secretAccessKey,
    caPem: cert ? readFileSync(cert, 'utf8') : undefined,
    caFile: cert,
    async stop() {
      child.stdin!.end();
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
