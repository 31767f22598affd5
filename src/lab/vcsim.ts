/** Starts govmomi's vSphere simulator (src/lab/vcsim/main.go, built by provision.sh) for the lab and the tests. */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cacheDir } from './binaries.js';

/** A VM the simulator creates at start-up (in the cluster's root resource pool, DC0/vm folder). */
export interface VcsimVm {
  name: string;
  /** BIOS UUID (`config.uuid`). */
  uuid: string;
  /** Default `poweredOn`. */
  powerState?: 'poweredOn' | 'poweredOff';
}

/** Simulator options; with `vms` the simulator's default VMs are not created. */
export interface VcsimOptions {
  vms?: VcsimVm[];
  /** Default VMs per host/pool when `vms` is not given (the simulator's default is 2). */
  machines?: number;
  username?: string;
  password?: string;
  /** Serve HTTPS (default true) with a fresh self-signed RSA-2048 certificate (SANs 127.0.0.1, ::1, localhost). */
  tls?: boolean;
  /** Listen on this loopback port (default: a random free one), e.g. to match a VSphereCluster's spec.server. */
  port?: number;
}

/** A running simulator. */
export interface Vcsim {
  /** SDK endpoint without credentials, e.g. `https://127.0.0.1:43210/sdk`. */
  url: string;
  username: string;
  password: string;
  /** SHA-1 thumbprint of the serving certificate, `AA:BB:…` ('' without TLS). */
  thumbprint: string;
  /** The serving certificate (self-signed, so also its own CA) as PEM ('' without TLS). */
  caPem: string;
  /** Closes stdin, kills the process after a grace period and removes the temp dir. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const running = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/** Path of the provisioned simulator binary; throws with the provisioning hint when missing. */
export function vcsimBinary(): string {
  const bin = join(cacheDir(), 'vcsim');
  if (!existsSync(bin)) {
    throw new Error(`vSphere simulator ${bin} is missing: run scripts/testenv/provision.sh vcsim`);
  }
  return bin;
}

/** Starts a simulator and waits for its ready line. */
export async function startVcsim(options: VcsimOptions = {}): Promise<Vcsim> {
  const bin = vcsimBinary();
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'driftline-vcsim-'));
  tempDirs.add(dir);
  const username = options.username ?? 'user';
  const password = options.password ?? 'pass';
  const tls = options.tls ?? true;
  const certFile = join(dir, 'cert.pem');
  const args = [
    '-listen',
    `127.0.0.1:${options.port ?? 0}`,
    '-username',
    username,
    '-password',
    password,
    `-tls=${tls}`,
  ];
  if (tls) args.push('-cert-out', certFile);
  if (options.vms) {
    const vmsFile = join(dir, 'vms.json');
    const specs = options.vms.map((vm) => ({ powerState: 'poweredOn', ...vm }));
    await writeFile(vmsFile, JSON.stringify(specs));
    args.push('-vms', vmsFile);
  }
  if (options.machines !== undefined) args.push('-machines', String(options.machines));

  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.stdin.on('error', () => undefined); // EPIPE when the simulator is already gone
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };

  try {
    const ready = await readyLine(child);
    const caPem = tls ? await readFile(certFile, 'utf8') : '';
    const url = new URL(ready.url);
    url.username = '';
    url.password = '';
    return { url: url.href, username, password, thumbprint: ready.thumbprint ?? '', caPem, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface ReadyLine {
  url: string;
  thumbprint?: string;
  certFile?: string;
}

function readyLine(child: ChildProcessByStdio<Writable, Readable, Readable>): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string): void => {
      cleanup();
      reject(new Error(`vcsim ${why}; stderr:\n${stderr.trim().split('\n').slice(-20).join('\n')}`));
    };
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      const line = stdout.slice(0, newline);
      try {
        const parsed = JSON.parse(line) as ReadyLine;
        cleanup();
        resolve(parsed);
      } catch {
        fail(`printed an unexpected ready line: ${line}`);
      }
    };
    const onStderr = (chunk: Buffer): void => {
      stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      fail(`exited before it was ready (code ${code}, signal ${signal})`);
    };
    const onError = (err: Error): void => fail(`could not be started: ${err.message}`);
    const timer = setTimeout(() => fail(`was not ready within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.off('close', onExit);
      child.off('error', onError);
    };
    child.stdout.on('data', onStdout);
    // Keep draining stderr for the process lifetime so a chatty simulator never blocks on a full pipe.
    child.stderr.on('data', onStderr);
    // 'close' rather than 'exit': by then stderr has been read to the end.
    child.once('close', onExit);
    child.once('error', onError);
  });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}
