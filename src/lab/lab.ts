/**
 * The lab: a management cluster holding Cluster API objects for N workload clusters, whose real
 * API servers hold the matching Nodes, and a vSphere simulator holding the matching VMs.
 * The integration tests start the same pieces (servers, simulator, CRDs, builders) from here.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../common/logger.js';
import type { KubeObject } from '../model/resource-key.js';
import { capiTopology, seededBiosUuid, type TopologyVm, topologyNodes } from './builders/index.js';
import { loadProjectCrds } from './crds/index.js';
import { LocalEnv } from './environment.js';
import { startVcsim, type Vcsim } from './vcsim.js';

/** Options for the lab. */
export interface LabOptions {
  dir: string;
  workloadClusters: number;
  logger: Logger;
  /** Add a VM and Node to wc1's worker pool that no Machine accounts for (a ghost, as after a scale-up). */
  ghost?: boolean;
}

/** What the lab started, as written to `<dir>/lab.json`. */
export interface LabInfo {
  managementKubeconfig: string;
  namespace: string;
  clusters: { name: string; server: string; kubeconfig: string; machines: number }[];
  vsphere: { server: string; username: string; passwordFile: string; thumbprint: string };
}

/** A running lab. */
export interface Lab {
  info: LabInfo;
  env: LocalEnv;
  vcsim: Vcsim;
  describe(): string;
  stop(): Promise<void>;
}

/** The namespace holding the lab's Cluster API objects. */
export const LAB_NAMESPACE = 'tkg-lab';

/** Starts the lab; on failure everything already started is stopped. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const workloads = Array.from({ length: options.workloadClusters }, (_, i) => `wc${i + 1}`);
  const env = await LocalEnv.start({ clusters: ['mgmt', ...workloads] });
  let vcsim: Vcsim | undefined;
  try {
    const topologies = workloads.map((name, i) =>
      capiTopology({
        namespace: LAB_NAMESPACE,
        name,
        apiVersion: 'v1beta1',
        controlPlane: i === 0 ? 3 : 1,
        workers: [{ pool: 'md-0', replicas: 2 }],
        server: '127.0.0.1',
        kubeconfig: env.cluster(name).server.kubeconfig,
      }),
    );
    const ghosts = options.ghost ? [ghostVm(topologies[0]!.vms)] : [];
    const allVms = [...topologies.flatMap((t) => t.vms), ...ghosts];
    vcsim = await startVcsim({
      password: randomBytes(12).toString('hex'),
      vms: allVms.map((vm) => ({ name: vm.name, uuid: vm.uuid })),
    });
    await env.installCrds('mgmt', loadProjectCrds());
    await env.create('mgmt', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: LAB_NAMESPACE } }]);
    for (const [i, t] of topologies.entries()) {
      await createWithStatus(
        env,
        'mgmt',
        t.objects.map((o) => pointAt(o, vcsim!)),
      );
      await createWithStatus(env, workloads[i]!, topologyNodes(i === 0 ? [...t.vms, ...ghosts] : t.vms));
    }
    const info = writeInfo(
      dir,
      env,
      vcsim,
      workloads,
      topologies.map((t) => t.vms.length),
    );
    options.logger.info({ dir }, 'lab ready');
    const running = vcsim;
    return {
      info,
      env,
      vcsim: running,
      describe: () => describeLab(info),
      stop: async () => {
        await running.stop();
        await env.stop();
      },
    };
  } catch (err) {
    await vcsim?.stop();
    await env.stop();
    throw err;
  }
}

// A worker named like wc1's pool members but with no Machine: what a scale-up after the backup leaves.
function ghostVm(vms: TopologyVm[]): TopologyVm {
  const worker = vms.find((vm) => vm.role === 'worker') ?? vms[0]!;
  const name = `${worker.name.slice(0, worker.name.lastIndexOf('-'))}-gh0st`;
  const uuid = seededBiosUuid('lab-ghost', name);
  return { ...worker, name, uuid, providerID: `vsphere://${uuid}` };
}

// The simulator's address is only known once it runs; VSphereCluster/VSphereVM name it.
function pointAt(obj: KubeObject, vcsim: Vcsim): KubeObject {
  if (obj.kind !== 'VSphereCluster' && obj.kind !== 'VSphereVM') return obj;
  const spec = {
    ...(obj.spec as Record<string, unknown>),
    server: new URL(vcsim.url).host,
    thumbprint: vcsim.thumbprint,
  };
  return { ...obj, spec };
}

async function createWithStatus(env: LocalEnv, cluster: string, objects: KubeObject[]): Promise<void> {
  const { client } = env.cluster(cluster);
  for (const obj of objects) {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const ref = await client.resolve({ group, version, kind: obj.kind });
    const created = await client.create(ref, obj);
    if (obj.status) await client.replaceStatus(ref, { ...created, status: obj.status });
  }
}

function writeInfo(
  dir: string,
  env: LocalEnv,
  vcsim: Vcsim,
  workloads: string[],
  machines: number[],
): LabInfo {
  const mgmtKubeconfig = join(dir, 'mgmt.kubeconfig');
  writeFileSync(mgmtKubeconfig, env.cluster('mgmt').server.kubeconfig, { mode: 0o600 });
  const passwordFile = join(dir, 'vsphere-password');
  writeFileSync(passwordFile, vcsim.password, { mode: 0o600 });
  const clusters = workloads.map((name, i) => {
    const kubeconfig = join(dir, `${name}.kubeconfig`);
    writeFileSync(kubeconfig, env.cluster(name).server.kubeconfig, { mode: 0o600 });
    return { name, server: env.cluster(name).server.url, kubeconfig, machines: machines[i]! };
  });
  const info: LabInfo = {
    managementKubeconfig: mgmtKubeconfig,
    namespace: LAB_NAMESPACE,
    clusters,
    vsphere: { server: vcsim.url, username: vcsim.username, passwordFile, thumbprint: vcsim.thumbprint },
  };
  writeFileSync(join(dir, 'lab.json'), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

function describeLab(info: LabInfo): string {
  const lines = [
    'Driftline lab is up:',
    `  management cluster   KUBECONFIG=${info.managementKubeconfig}   (Cluster API objects in namespace ${info.namespace})`,
    ...info.clusters.map(
      (c) => `  workload ${c.name.padEnd(11)} ${c.server}   ${c.machines} nodes   KUBECONFIG=${c.kubeconfig}`,
    ),
    `  vSphere simulator    ${info.vsphere.server}   user ${info.vsphere.username}, password in ${info.vsphere.passwordFile}`,
    `                       thumbprint ${info.vsphere.thumbprint}`,
    '',
    'Try:',
    `  export KUBECONFIG=${info.managementKubeconfig}`,
    '  driftline backup create lab-1 --cluster-api',
    '  driftline backup describe lab-1 --details',
  ];
  return `${lines.join('\n')}\n`;
}
