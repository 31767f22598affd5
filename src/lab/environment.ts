/** A local environment (tests and `driftline lab`): one etcd and N real kube-apiservers on loopback, with clients and cleanup. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../adapters/kube/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { kubeBinaries } from './binaries.js';
import { type Etcd, startEtcd } from './etcd.js';
import { type ApiServer, createPki, startApiServer } from './kube-apiserver.js';

/** One cluster of the environment: its server and a ready client. */
export interface LocalCluster {
  name: string;
  server: ApiServer;
  client: KubeClient;
}

/** Options for starting an environment. */
export interface LocalEnvOptions {
  /** Cluster names, e.g. ['mgmt', 'wc1', 'wc2']; each gets its own API server. */
  clusters: string[];
  /** Extra kube-apiserver flags for every cluster. */
  apiServerArgs?: string[];
}

/** A running environment; always call stop() (it is safe to call twice). */
export class LocalEnv {
  private constructor(
    readonly dir: string,
    private readonly etcd: Etcd,
    private readonly members: Map<string, LocalCluster>,
  ) {}

  /** Starts etcd and the API servers in parallel; cleans up everything if any fails. */
  static async start(options: LocalEnvOptions): Promise<LocalEnv> {
    const binaries = kubeBinaries();
    const dir = mkdtempSync(join(tmpdir(), 'driftline-testenv-'));
    const etcd = await startEtcd(binaries.etcd, dir);
    const pki = createPki(dir);
    const results = await Promise.allSettled(
      options.clusters.map((name) =>
        startApiServer({
          name,
          binary: binaries.kubeApiserver,
          etcd: etcd.endpoint,
          dir,
          pki,
          extraArgs: options.apiServerArgs,
        }),
      ),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
      await etcd.stop();
      rmSync(dir, { recursive: true, force: true });
      throw (failed as PromiseRejectedResult).reason;
    }
    const members = new Map<string, LocalCluster>();
    for (const r of results) {
      const server = (r as PromiseFulfilledResult<ApiServer>).value;
      members.set(server.name, {
        name: server.name,
        server,
        client: KubeClient.connect({ inline: server.kubeconfig }),
      });
    }
    return new LocalEnv(dir, etcd, members);
  }

  /** The cluster called `name`. */
  cluster(name: string): LocalCluster {
    const c = this.members.get(name);
    if (!c) throw new Error(`no cluster ${name} in this test environment`);
    return c;
  }

  /** All clusters. */
  clusters(): LocalCluster[] {
    return [...this.members.values()];
  }

  /** Creates objects in order on a cluster, resolving each kind through discovery. */
  async create(clusterName: string, objects: KubeObject[]): Promise<KubeObject[]> {
    const { client } = this.cluster(clusterName);
    const created: KubeObject[] = [];
    for (const obj of objects) {
      const [group, version] = obj.apiVersion.includes('/')
        ? obj.apiVersion.split('/')
        : ['', obj.apiVersion];
      const ref = await client.resolve({ group, version, kind: obj.kind });
      created.push(await client.create(ref, obj));
    }
    return created;
  }

  /** Installs CRDs and waits until the server serves every version of each. */
  async installCrds(clusterName: string, crds: KubeObject[]): Promise<void> {
    await this.create(clusterName, crds);
    const { client } = this.cluster(clusterName);
    const wanted = crds.flatMap((crd) => {
      const spec = crd.spec as {
        group: string;
        names: { kind: string };
        versions: { name: string; served: boolean }[];
      };
      return spec.versions
        .filter((v) => v.served)
        .map((v) => ({ group: spec.group, version: v.name, kind: spec.names.kind }));
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { resources } = await client.discover(true);
      const missing = wanted.filter(
        (w) => !resources.some((r) => r.group === w.group && r.version === w.version && r.kind === w.kind),
      );
      if (missing.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`CRDs not served after 30 s: ${missing.map((m) => m.kind).join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Stops every server and removes all data. */
  async stop(): Promise<void> {
    for (const c of this.members.values()) c.client.close();
    await Promise.all([...this.members.values()].map((c) => c.server.stop()));
    await this.etcd.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
