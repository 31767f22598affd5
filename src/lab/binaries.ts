/** Locates the test environment's binaries: KUBEBUILDER_ASSETS first, then the provisioned cache. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Kubernetes version scripts/testenv/provision.sh builds. */
export const DEFAULT_KUBE_VERSION = '1.20.2';

/** The patch level of that build; provision.sh bumps it with the patches so old caches rebuild. */
export const PATCH_LEVEL = 'p2';

/** Cache root shared with scripts/testenv/provision.sh. */
export function cacheDir(): string {
  return process.env.DRIFTLINE_TESTENV_CACHE ?? join(homedir(), '.cache', 'driftline', 'testenv');
}

/** Paths to etcd and kube-apiserver, honouring the envtest convention `KUBEBUILDER_ASSETS`. */
export function kubeBinaries(): { etcd: string; kubeApiserver: string } {
  const dir = process.env.KUBEBUILDER_ASSETS ?? join(cacheDir(), `${DEFAULT_KUBE_VERSION}-${PATCH_LEVEL}`);
  const etcd = join(dir, 'etcd');
  const kubeApiserver = join(dir, 'kube-apiserver');
  for (const bin of [etcd, kubeApiserver]) {
    if (!existsSync(bin)) {
      throw new Error(
        `test environment binary ${bin} is missing: run scripts/testenv/provision.sh (or set KUBEBUILDER_ASSETS)`,
      );
    }
  }
  return { etcd, kubeApiserver };
}
