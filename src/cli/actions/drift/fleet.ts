/** For the drift actions: the management client, fleet source and state store the fleet flags describe. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient } from '../../../adapters/kube/client.js';
import { CapiFleet, ContextFleet, type FleetSource } from '../../../controller/fleet.js';
import type { StateStore } from '../../../controller/ports.js';
import { ConfigMapStateStore, DirStateStore } from '../../../controller/state-store.js';
import { type FleetFlags, parseClusterLabels } from '../../commands/drift/options.js';
import type { CliContext } from '../../context.js';
import { connectCurrent } from '../../kube.js';

/** The management cluster client (current context), when the fleet is Cluster API. */
export function managementClient(ctx: CliContext, flags: FleetFlags): KubeClient | undefined {
  return flags.fleet === 'capi' ? connectCurrent(ctx) : undefined;
}

/** The fleet source the flags describe. */
export function fleetFrom(ctx: CliContext, flags: FleetFlags, mgmt: KubeClient | undefined): FleetSource {
  if (mgmt) return new CapiFleet(mgmt, ctx.logger);
  return new ContextFleet(
    { file: ctx.globals.kubeconfig, env: ctx.env },
    flags.contexts,
    parseClusterLabels(flags.clusterLabel ?? []),
  );
}

/** The state store the flags describe. */
export function storeFrom(ctx: CliContext, flags: FleetFlags, mgmt: KubeClient | undefined): StateStore {
  if (flags.stateDir) return new DirStateStore(flags.stateDir);
  if (mgmt) return new ConfigMapStateStore(mgmt);
  return new DirStateStore(join(ctx.env.HOME ?? homedir(), '.driftline', 'drift-state'));
}
