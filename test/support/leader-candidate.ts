/**
 * A replica in a leader election, as a process: `node --import tsx leader-candidate.ts KUBECONFIG IDENTITY`.
 * Prints `LEADING <ms>`, `STOPPED <ms>` and `LEADER <identity> <ms>` lines (epoch ms); SIGTERM releases the lease.
 * Timings come from LEASE_MS, RENEW_MS and RETRY_MS.
 */
import { KubeClient } from '../../src/adapters/kube/client.js';
import { LeaderElector } from '../../src/controller/leader.js';
import type { LeaderTiming } from '../../src/controller/leader-rules.js';
import { kubeLeaseStore, leaderClientOptions } from '../../src/controller/leader-store.js';

const [file, identity] = process.argv.slice(2);
if (!file || !identity) throw new Error('usage: leader-candidate.ts KUBECONFIG IDENTITY');
const timing: LeaderTiming = {
  leaseDurationMs: Number(process.env.LEASE_MS ?? 2000),
  renewDeadlineMs: Number(process.env.RENEW_MS ?? 1500),
  retryPeriodMs: Number(process.env.RETRY_MS ?? 300),
};
const say = (line: string): void => {
  process.stdout.write(`${line} ${Date.now()}\n`);
};
const client = KubeClient.connect({ file, ...leaderClientOptions(timing) });
const elector = new LeaderElector({
  identity,
  store: kubeLeaseStore(client),
  timing,
  onStartedLeading: () => say('LEADING'),
  onStoppedLeading: () => say('STOPPED'),
  onNewLeader: (id) => say(`LEADER ${id}`),
});
process.once('SIGTERM', () => {
  void elector.release().then(() => {
    say('RELEASED');
    client.close();
    process.exit(0);
  });
});
say('STARTED');
void elector.run();
