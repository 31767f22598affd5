/** The lab: a local management cluster, workload clusters and a vSphere simulator, wired together. */
import type { Logger } from '../common/logger.js';
import { LocalEnv } from './environment.js';

/** Options for the lab. */
export interface LabOptions {
  dir: string;
  workloadClusters: number;
  logger: Logger;
}

/** A running lab. */
export interface Lab {
  describe(): string;
  stop(): Promise<void>;
}

/** Starts the lab. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const names = ['mgmt', ...Array.from({ length: options.workloadClusters }, (_, i) => `wc${i + 1}`)];
  const env = await LocalEnv.start({ clusters: names });
  return {
    describe: () =>
      env
        .clusters()
        .map((c) => `${c.name}\t${c.server.url}\t${c.server.kubeconfigPath}`)
        .join('\n'),
    stop: () => env.stop(),
  };
}
