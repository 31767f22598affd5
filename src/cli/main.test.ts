import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildBackupObject, encodeBackupObject } from '../format/index.js';
import { run } from './main.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await run(['node', 'driftline', ...args], { stdout, stderr, env: {} });
  return { code, out, err };
}

describe('driftline CLI', () => {
  it('lists the global options and exit codes in --help', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const flag of [
      '--kubeconfig',
      '--context',
      '-o, --output',
      '-D, --debug',
      '--no-color',
      '--version',
    ]) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('Exit codes: 0 ok, 1 findings');
  });

  it('shows subcommand help and exits 0 without ending the process', async () => {
    const { code, out } = await cli('backup', 'create', '--help');
    expect(code).toBe(0);
    expect(out).toContain('--include-namespaces');
  });

  it('prints the package version', async () => {
    const { code, out } = await cli('--version');
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('says on stderr that a list is empty, and still prints data for -o json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftline-empty-'));
    const table = await cli('schedule', 'list', '--state-dir', dir);
    expect([table.code, table.out, table.err]).toEqual([
      0,
      '',
      `No schedules in ${join(dir, 'schedules')}.\n`,
    ]);
    const json = await cli('schedule', 'list', '--state-dir', dir, '-o', 'json');
    expect(JSON.parse(json.out)).toEqual({ schedules: [], broken: [] });
    expect(json.err).toBe('');
  });

  it('prints backup list -o json as {backups, broken}, unreadable backups included (docs/cli.md)', async () => {
    const store = mkdtempSync(join(tmpdir(), 'driftline-list-'));
    const good = buildBackupObject({
      name: 'good',
      phase: 'Completed',
      startTimestamp: new Date('2025-01-01T00:00:00Z'),
      totalItems: 1,
      itemsBackedUp: 1,
    });
    for (const [name, body] of [
      ['good', encodeBackupObject(good)],
      ['bad', Buffer.from('{a')],
    ] as const) {
      mkdirSync(join(store, 'backups', name), { recursive: true });
      writeFileSync(join(store, 'backups', name, 'velero-backup.json'), body);
    }
    const { code, out } = await cli('backup', 'list', '--store', store, '-o', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      backups: [good],
      broken: [{ name: 'bad', error: expect.any(String) }],
    });
  });

  it.each([
    ['an unknown option', ['--bogus']],
    ['an unknown command', ['explode']],
    ['an output format that does not exist', ['backup', 'list', '-o', 'xml']],
    ['a subcommand option with a bad choice', ['detect', '--backup', 'x', '--format', 'pdf']],
    ['a missing required option of a subcommand', ['detect']],
    ['a number flag that is not a number', ['move', '--from-context', 'a', '-A', '--concurrency', 'x']],
    ['a negative grace period', ['remediate', '--report', 'r.json', '--grace-period', '-5']],
    ['a lab without workload clusters', ['lab', '--workload-clusters', '0']],
  ])('exits 2 with a message and the usage code for %s', async (_name, args) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(/^error: .+ \[usage\]\n\(run with --help for usage\)\n$/);
  });

  it.each([
    [
      'a file that does not exist',
      '/nonexistent/report.json',
      /^error: \/nonexistent\/report\.json does not exist \[fs\.not-found\]\n$/,
    ],
    [
      'a file that is not JSON',
      'BAD',
      /^error: .*bad\.json is not valid JSON: .* \[input\.invalid-json\]\n$/,
    ],
  ])('names %s given to --report, with its code', async (_name, file, expected) => {
    const dir = mkdtempSync(join(tmpdir(), 'driftline-report-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{a');
    const { code, err } = await cli('remediate', '--report', file === 'BAD' ? bad : file, '--dry-run');
    expect([code, err]).toEqual([2, expect.stringMatching(expected)]);
  });
});
