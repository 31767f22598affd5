/** Helpers for leader election tests: candidate processes, a two-leader sampler, and the API server's pid. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A candidate process and the lines it printed, as `{ word, arg, at }`. */
export interface Candidate {
  identity: string;
  child: ChildProcess;
  lines: { word: string; arg?: string; at: number }[];
  /** Epoch ms of the first line `word` printed after `since`, or undefined. */
  first(word: string, since?: number): number | undefined;
}

/** Starts `test/support/leader-candidate.ts` with the given kubeconfig, identity and timings. */
export function startCandidate(kubeconfig: string, identity: string, env: Record<string, string>): Candidate {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/support/leader-candidate.ts'), kubeconfig, identity],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: Candidate['lines'] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const part of parts) {
      const words = part.trim().split(' ');
      const at = Number(words.pop());
      lines.push({ word: words[0]!, arg: words[1], at });
    }
  });
  const first = (word: string, since = 0): number | undefined =>
    lines.find((l) => l.word === word && l.at >= since)?.at;
  return { identity, child, lines, first };
}

/** Polls `check` every 20 ms until it returns a value other than undefined/false. */
export async function until<T>(check: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Samples `isLeader` of every elector every `ms`; `overlaps` counts samples where two or more led. */
export function sampleLeaders(
  electors: { isLeader(): boolean }[],
  ms = 50,
): { overlaps: number; samples: number; stop(): void } {
  const result = { overlaps: 0, samples: 0, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    result.samples++;
    if (electors.filter((e) => e.isLeader()).length > 1) result.overlaps++;
  }, ms);
  return result;
}

/**
 * The pid of the kube-apiserver listening on `port`. The harness does not expose it, so it is found
 * in /proc by its command line (the server is a child of this test process).
 */
export function apiServerPid(port: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[0]?.endsWith('kube-apiserver') && args.includes(`--secure-port=${port}`)) {
        const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
        if (ppid === process.pid) return Number(entry);
      }
    } catch {
      // The process ended while being read.
    }
  }
  return undefined;
}
