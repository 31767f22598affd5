/** Reads the vCenter VM inventory for detect; failures become "unavailable" evidence, never Healthy. */
import { connectVSphere, listVirtualMachines, type VSphereClient } from '../adapters/vsphere/index.js';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { VsphereEvidence } from '../recovery/index.js';
import type { VSphereResolution } from './vsphere-credentials.js';

/** Logs in, lists every VM (name, BIOS UUID, power state, paths) and logs out. */
export async function gatherVSphereEvidence(
  resolution: VSphereResolution,
  logger?: Logger,
): Promise<VsphereEvidence> {
  // With no vCenter named anywhere there is nothing to try: skipped, and the Nodes decide. A vCenter
  // named without credentials was wanted but cannot be read: unavailable, so nothing is Healthy.
  if (!resolution.ok)
    return { state: resolution.serverGiven ? 'unavailable' : 'skipped', reason: resolution.reason };
  const t = resolution.target;
  let client: VSphereClient | undefined;
  try {
    client = await connectVSphere({
      server: t.server,
      username: t.username,
      password: t.password,
      tls: { thumbprint: t.thumbprint, insecureSkipVerify: t.insecureSkipVerify },
      timeoutMs: 30_000,
      logger,
    });
    const vms = await listVirtualMachines(client);
    return { state: 'checked', server: t.server, vms };
  } catch (err) {
    return { state: 'unavailable', reason: `vCenter ${t.server}: ${describeError(err)}` };
  } finally {
    await client?.logout().catch(() => undefined);
    client?.close();
  }
}
