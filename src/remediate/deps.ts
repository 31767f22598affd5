/** Builds remediation's clients: the restored management cluster, workload clusters, and vCenter. */
import { readFileSync } from 'node:fs';
import { CORE_RESOURCES, KubeClient } from '../adapters/kube/index.js';
import { connectVSphere, type VSphereClient } from '../adapters/vsphere/index.js';
import { DriftlineError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { VSphereResolution } from '../detect/vsphere-credentials.js';
import { decodeKubeconfigSecret } from '../model/capi-kubeconfig.js';
import { kubeconfigSecretName } from '../model/capi-names.js';

/** Where to find each plane. */
export interface ClientSources {
  /** The restored management cluster (current context / --kubeconfig). */
  management: () => KubeClient;
  /** `namespace/name=FILE` overrides for workload kubeconfigs; otherwise `<name>-kubeconfig` in the management cluster. */
  workloadKubeconfigs: Record<string, string>;
  /** The vCenter and credentials, resolved like detect does, or why there are none. */
  vsphere: VSphereResolution;
  logger?: Logger;
}

/** Lazily created, cached clients; `close()` releases them all. */
export function clientCache(sources: ClientSources): {
  management(): Promise<KubeClient>;
  workload(cluster: string): Promise<KubeClient>;
  vsphere(): Promise<VSphereClient>;
  close(): Promise<void>;
} {
  let mgmt: KubeClient | undefined;
  const workloads = new Map<string, KubeClient>();
  let vc: VSphereClient | undefined;
  const management = async (): Promise<KubeClient> => {
    mgmt ??= sources.management();
    return mgmt;
  };
  return {
    management,
    async workload(cluster) {
      const cached = workloads.get(cluster);
      if (cached) return cached;
      const file = sources.workloadKubeconfigs[cluster];
      const inline = file
        ? readFileSync(file, 'utf8')
        : await kubeconfigFromSecret(await management(), cluster);
      const client = KubeClient.connect({ inline, logger: sources.logger });
      workloads.set(cluster, client);
      return client;
    },
    async vsphere() {
      const resolution = sources.vsphere;
      if (!resolution.ok)
        throw new DriftlineError('remediate.vsphere', `vSphere steps cannot run: ${resolution.reason}`);
      const v = resolution.target;
      vc ??= await connectVSphere({
        server: v.server,
        username: v.username,
        password: v.password,
        tls: { thumbprint: v.thumbprint, insecureSkipVerify: v.insecureSkipVerify },
        logger: sources.logger,
      });
      return vc;
    },
    async close() {
      mgmt?.close();
      for (const c of workloads.values()) c.close();
      await vc?.logout().catch(() => undefined);
      vc?.close();
    },
  };
}

async function kubeconfigFromSecret(mgmt: KubeClient, cluster: string): Promise<string> {
  const [namespace, name] = cluster.split('/') as [string, string];
  const secretName = kubeconfigSecretName(name);
  const secret = await mgmt.get(CORE_RESOURCES.secrets, namespace, secretName);
  const decoded = secret
    ? decodeKubeconfigSecret(secret)
    : {
        ok: false as const,
        problem: `Secret ${namespace}/${secretName} is missing in the management cluster`,
      };
  if (!decoded.ok) {
    throw new DriftlineError(
      'remediate.kubeconfig',
      `no kubeconfig for workload cluster ${cluster}: ${decoded.problem} (restore first, or pass --workload-kubeconfig ${cluster}=FILE)`,
    );
  }
  return decoded.text;
}
