// The built CLI (bin/driftline.js) writing into a pipe whose reader goes away, as `| head` does:
// it must end quietly (no EPIPE stack trace) with 141, what a shell reports for kubectl or cat.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/model/resource-key.js';
import { writeBackupFile } from '../support/backup-file.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/driftline.js');
let bigBackup: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  bigBackup = join(mkdtempSync(join(tmpdir(), 'driftline-pipe-')), 'big.tar.gz');
  // Far more than a pipe buffer (64 KiB) of `--objects` lines.
  const objects: KubeObject[] = Array.from({ length: 20000 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `settings-${i}`, namespace: `team-${i % 7}` },
    data: { i: String(i) },
  }));
  await writeBackupFile(bigBackup, objects);
});

// Runs the CLI with stdout on a pipe; the reader closes it after `keepBytes` bytes (0: at once).
function runIntoClosingPipe(
  args: string[],
  keepBytes: number,
): Promise<{ code: number | null; signal: string | null; stderr: string; read: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let read = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const stop = (): void => void child.stdout.destroy();
    if (keepBytes === 0) stop();
    else
      child.stdout.on('data', (c) => {
        read += c;
        if (read.length >= keepBytes) stop();
      });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stderr, read }));
  });
}

describe('a closed pipe', () => {
  it('ends `remediate --help` quietly when the reader has already gone', async () => {
    const result = await runIntoClosingPipe(['remediate', '--help'], 0);
    expect(result).toMatchObject({ code: 141, stderr: '' });
  });

  it('ends `backup inspect --objects` quietly when the reader stops after the first lines', async () => {
    const result = await runIntoClosingPipe(['backup', 'inspect', bigBackup, '--objects'], 1);
    expect(result).toMatchObject({ code: 141, stderr: '' });
    expect(result.read.length).toBeGreaterThan(0);
  });

  it('prints what `head` asks for and nothing on stderr in a real shell pipeline', async () => {
    const script = `set -o pipefail; "${process.execPath}" "${BIN}" backup inspect "${bigBackup}" --objects 2>"${bigBackup}.err" | head -2; echo "status=$?"; cat "${bigBackup}.err"`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script]);
    const lines = stdout.split('\n');
    expect(lines.slice(2)).toEqual(['status=141', '']);
  });
});
