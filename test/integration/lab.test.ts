// `driftline lab` as a user runs it: a real process that starts every server, writes the
// kubeconfigs it prints, serves a backup-able management cluster, and stops cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { driftline } from '../cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

it('starts the lab, is usable while running, and stops everything on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftline-lab-'));
  const script = `const { run } = await import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}); process.exitCode = await run(process.argv);`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, 'driftline', 'lab', '--dir', dir],
    {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 120_000;
  while (!stderr.includes('press Ctrl-C to stop') && child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(stderr).toContain('press Ctrl-C to stop');
  expect(stdout).toContain('management cluster');

  const info = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as {
    managementKubeconfig: string;
    clusters: { kubeconfig: string }[];
  };
  expect(info.clusters).toHaveLength(2);
  const store = join(dir, 'store');
  const backup = await driftline([
    '--kubeconfig',
    info.managementKubeconfig,
    'backup',
    'create',
    'lab-1',
    '--cluster-api',
    '--store',
    store,
  ]);
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/Backup lab-1 Completed: \d+ items, 0 errors/);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).toContain('lab stopped');
  const after = await driftline([
    '--kubeconfig',
    info.managementKubeconfig,
    'backup',
    'create',
    'lab-2',
    '--store',
    store,
  ]);
  expect(after.code).toBe(2);
  expect(after.stderr).toMatch(/cannot reach API server|ECONNREFUSED/);
  expect(existsSync(join(dir, 'mgmt.kubeconfig'))).toBe(true);
});
