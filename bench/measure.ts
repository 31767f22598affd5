/** Benchmark helpers: time a child process and read its peak RSS. */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Wall time and peak RSS of one child process. */
export interface Measurement {
  ms: number;
  maxRssMiB?: number;
  stdout: string;
}

/**
 * Runs a command; when `rssMarker` is set the child prints `{"maxRSS":kB}` on stderr after that
 * marker (see `nodeWithRss`).
 */
export function measure(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; shell?: boolean } = {},
): Promise<Measurement> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, shell: options.shell });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0)
        return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      const m = stderr.match(/\{"maxRSS":(\d+)\}/);
      resolve({ ms, stdout, maxRssMiB: m ? Number(m[1]) / 1024 : undefined });
    });
  });
}

/** Node arguments that run `script` (an ES module body) and report peak RSS on exit. */
export function nodeWithRss(script: string): string[] {
  return [
    '--input-type=module',
    '-e',
    `${script}\nprocess.stderr.write(JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }));`,
  ];
}

/** A one-line description of this machine for docs/benchmarks.md. */
export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
}
