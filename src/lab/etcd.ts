/** Starts a throwaway etcd on loopback for one test environment. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { type ManagedProcess, startProcess, waitFor } from './process.js';

/** A running etcd. */
export interface Etcd {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts etcd with its data in RAM when /dev/shm exists (etcd 3.4 has no --unsafe-no-fsync). */
export async function startEtcd(binary: string, logDir: string): Promise<Etcd> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = mkdtempSync(join(base, 'driftline-etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const proc: ManagedProcess = startProcess(
    binary,
    [
      '--data-dir',
      dataDir,
      '--listen-client-urls',
      client,
      '--advertise-client-urls',
      client,
      '--listen-peer-urls',
      peer,
      '--initial-advertise-peer-urls',
      peer,
      '--initial-cluster',
      `default=${peer}`,
      '--quota-backend-bytes',
      String(4 * 1024 ** 3),
      '--log-level',
      'warn',
    ],
    join(logDir, 'etcd.log'),
  );
  try {
    await waitFor(async () => (await fetch(`${client}/health`)).ok, 30_000, 'etcd /health');
  } catch (err) {
    await proc.stop();
    throw new Error(`etcd did not start: ${(err as Error).message}\n${proc.tail()}`);
  }
  return {
    endpoint: client,
    async stop() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
