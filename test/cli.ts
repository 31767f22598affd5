/** Runs the CLI in-process with captured output, for integration tests. */
import { PassThrough } from 'node:stream';
import { run } from '../src/cli/main.js';

/** The outcome of one CLI invocation. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `driftline <args>` with `env` (HOME etc. as given) and returns exit code and output. */
export async function driftline(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await run(['node', 'driftline', ...args], {
    stdout,
    stderr,
    env: { PATH: process.env.PATH, ...env },
  });
  return { code, stdout: out, stderr: err };
}
