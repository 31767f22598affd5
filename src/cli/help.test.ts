// docs/cli.md promises that every command's --help ends with examples; each example must parse.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliContext } from './context.js';
import { buildProgram } from './main.js';

const quiet = { writeOut: (): void => {}, writeErr: (): void => {} };

function commands(cmd: Command, path: string[] = []): [string, Command][] {
  return cmd.commands.flatMap((sub): [string, Command][] => {
    const full = [...path, sub.name()];
    return [[full.join(' '), sub], ...commands(sub, full)];
  });
}

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: () => {} });
  cmd.outputHelp();
  return text;
}

// The `driftline …` command lines of the Examples section, without env prefixes, pipes and comments.
function examplesIn(help: string): string[] {
  const section = help.split(/\nExamples?:\n/)[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .flatMap((line) => line.split(/&&|\|/))
    .map((part) => part.replace(/#.*$/, '').trim())
    .map((part) => part.replace(/^([A-Z_]+=\S+\s+)+/, ''))
    .filter((part) => part.startsWith('driftline '));
}

// Splits a command line the way a shell would for these examples (quotes, no expansions).
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

// Parses `argv` as the CLI would and returns the command whose action would run, without running it.
async function parsedCommand(argv: string[]): Promise<string> {
  const program = buildProgram(() => ({}) as CliContext, quiet);
  let ran = '';
  program.hook('preAction', (_root, action) => {
    ran = commands(program).find(([, c]) => c === action)?.[0] ?? '';
    throw new Error('parsed');
  });
  await program.parseAsync(['node', ...argv]).catch((err: Error) => {
    if (err.message !== 'parsed') throw new Error(`${argv.join(' ')}: ${err.message}`);
  });
  return ran;
}

describe('every command has --help with examples', () => {
  const program = buildProgram(() => ({}) as CliContext, quiet);
  it.each(commands(program))('driftline %s', async (path, cmd) => {
    const ran: string[] = [];
    for (const example of examplesIn(helpOf(cmd))) ran.push(await parsedCommand(words(example)));
    // A group's examples run its subcommands.
    expect(ran.filter((p) => p === path || p.startsWith(`${path} `))).not.toEqual([]);
  });
});
