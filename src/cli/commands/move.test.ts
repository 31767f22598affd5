import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../context.js';
import { buildProgram } from '../main.js';

// Parses a command line and returns the options its action would get, without running it.
async function flagsOf(...args: string[]): Promise<Record<string, unknown>> {
  const program = buildProgram(() => ({}) as CliContext, { writeOut: () => {}, writeErr: () => {} });
  let seen: Record<string, unknown> = {};
  program.hook('preAction', (_root: Command, action: Command) => {
    seen = action.opts();
    throw new Error('parsed');
  });
  await expect(program.parseAsync(['node', 'driftline', ...args])).rejects.toThrow('parsed');
  return seen;
}

describe('move --cluster', () => {
  it.each([
    ['several names after one flag, as move.md shows', ['--cluster', 'c1', 'c2'], ['c1', 'c2']],
    ['a repeated flag', ['--cluster', 'c1', '--cluster', 'ns/c2'], ['c1', 'ns/c2']],
    ['comma-separated names', ['--cluster', 'c1,c2', 'c3'], ['c1', 'c2', 'c3']],
  ])('takes %s', async (_name, clusterArgs, expected) => {
    const flags = await flagsOf('move', '--from-context', 'a', '-n', 'ns', ...clusterArgs, '--dry-run');
    expect(flags).toMatchObject({ cluster: expected, namespace: ['ns'], dryRun: true });
  });
});
