/**
 * The demo: Driftline's main job end to end on the embedded lab — back up the management
 * cluster, let reality drift (a worker scaled up, another lost), and detect it before a restore.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_RESOURCES, KubeClient } from '../adapters/kube/index.js';
import { FsObjectStore } from '../adapters/store/index.js';
import { connectVSphere, destroyVm, listVirtualMachines, powerOffVm } from '../adapters/vsphere/index.js';
import { createBackup } from '../backup/create.js';
import { BackupRepository } from '../backup/repository.js';
import type { Logger } from '../common/logger.js';
import { detect } from '../detect/run-detect.js';
import { startLab } from '../lab/lab.js';
import { type RecoveryDriftReport, renderHtml } from '../recovery/index.js';

/** What the demo produced. */
export interface DemoResult {
  report: RecoveryDriftReport;
  htmlReport: string;
}

/** Runs the demo in `dir` and stops the lab afterwards. */
export async function runDemo(dir: string, logger: Logger, say: (line: string) => void): Promise<DemoResult> {
  say('starting the lab: a management cluster, 2 workload clusters and a vSphere simulator …');
  const lab = await startLab({ dir, workloadClusters: 2, logger, ghost: true });
  try {
    const repo = new BackupRepository(
      new FsObjectStore(mkdtempSync(join(tmpdir(), 'driftline-demo-store-'))),
    );
    const mgmt = KubeClient.connect({ file: lab.info.managementKubeconfig });
    say('backing up the management cluster (--cluster-api) …');
    const backup = await createBackup(mgmt, repo, { name: 'demo', preset: 'cluster-api' });
    mgmt.close();
    say(`backup demo: ${backup.status?.progress?.itemsBackedUp} items, phase ${backup.status?.phase}`);

    const lost = await loseAWorker(lab.info, lab.env.cluster('wc2').client);
    say(
      `after the backup, wc2 lost worker ${lost} (VM destroyed, Node deleted); wc1 already runs a VM no Machine knows`,
    );

    say('detecting recovery drift: backup vs vSphere VMs and workload Nodes …');
    const report = await detect({
      backup: 'demo',
      repository: () => repo,
      vsphere: { username: lab.info.vsphere.username, password: lab.vcsim.password },
      env: {},
      logger,
    });
    const htmlReport = join(dir, 'recovery-drift-report.html');
    writeFileSync(htmlReport, renderHtml(report));
    return { report, htmlReport };
  } finally {
    await lab.stop();
  }
}

async function loseAWorker(
  info: Awaited<ReturnType<typeof startLab>>['info'],
  wc2: KubeClient,
): Promise<string> {
  const nodes = await wc2.list(CORE_RESOURCES.nodes);
  const victim = nodes.items.find((n) => n.metadata.name.includes('-md-0-'))!.metadata.name;
  const vc = await connectVSphere({
    server: info.vsphere.server,
    username: info.vsphere.username,
    password: readFileSync(info.vsphere.passwordFile, 'utf8'),
    tls: { thumbprint: info.vsphere.thumbprint },
  });
  try {
    const vm = (await listVirtualMachines(vc)).find((v) => v.name === victim)!;
    await powerOffVm(vc, vm.moref);
    await destroyVm(vc, vm.moref);
  } finally {
    await vc.logout();
    vc.close();
  }
  await wc2.delete(CORE_RESOURCES.nodes, '', victim);
  return victim;
}
