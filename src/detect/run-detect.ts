/** `driftline detect`: backup → topology → evidence (vSphere and Nodes, in parallel) → report. */
import type { BackupRepository } from '../backup/repository.js';
import type { Logger } from '../common/logger.js';
import { buildTopology } from '../model/capi-topology.js';
import { buildReport, type NodeEvidence, type RecoveryDriftReport } from '../recovery/index.js';
import { loadBackup } from './load-backup.js';
import { gatherNodeEvidence } from './node-evidence.js';
import { resolveVSphere, type VSphereFlags } from './vsphere-credentials.js';
import { gatherVSphereEvidence } from './vsphere-evidence.js';

/** Everything detect needs. */
export interface DetectRequest {
  /** A tarball path or a backup name in the store. */
  backup: string;
  repository: () => BackupRepository;
  vsphere: VSphereFlags;
  skipAccessApiserver?: boolean;
  ignoreHealthyResources?: boolean;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  now?: () => Date;
}

/** Runs detection end to end and returns the report. */
export async function detect(request: DetectRequest): Promise<RecoveryDriftReport> {
  const { info, objects } = await loadBackup(request.backup, request.repository);
  const topology = buildTopology(objects);
  const resolution = resolveVSphere(request.vsphere, request.env, topology, objects);
  const [vsphere, nodes] = await Promise.all([
    gatherVSphereEvidence(resolution, request.logger),
    request.skipAccessApiserver
      ? skippedNodes(topology.clusters.map((c) => `${c.namespace}/${c.name}`))
      : gatherNodeEvidence(topology.clusters, { logger: request.logger }),
  ]);
  return buildReport(
    topology,
    { vsphere, nodes },
    {
      backup: info,
      insecureSkipVerify: resolution.ok
        ? resolution.target.insecureSkipVerify
        : request.vsphere.insecureSkipVerify,
      skipAccessApiserver: request.skipAccessApiserver,
      vsphereServer: resolution.ok ? resolution.target.server : null,
      ignoreHealthyResources: request.ignoreHealthyResources,
    },
    (request.now ?? (() => new Date()))(),
  );
}

async function skippedNodes(ids: string[]): Promise<Record<string, NodeEvidence>> {
  return Object.fromEntries(
    ids.map((id) => [id, { state: 'skipped', reason: '--skip-access-apiserver' } as NodeEvidence]),
  );
}
