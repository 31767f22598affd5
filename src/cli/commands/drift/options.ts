/** Flags shared by the drift commands: where profiles, the fleet and the drift state are. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import type { KubeClient } from '../../../adapters/kube/client.js';
import { UsageError } from '../../../common/errors.js';
import { CapiFleet, ContextFleet, type FleetSource } from '../../../controller/fleet.js';
import type { StateStore } from '../../../controller/ports.js';
import { ConfigMapStateStore, DirStateStore } from '../../../controller/state-store.js';
import type { CliContext } from '../../context.js';
import { connectCurrent } from '../../kube.js';

/** Parsed fleet and state flags. */
export interface FleetFlags {
  fleet: 'capi' | 'contexts';
  contexts?: string[];
  clusterLabel?: string[];
  stateDir?: string;
}

const list = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];
const repeat = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Adds `--fleet`, `--contexts`, `--cluster-label` and `--state-dir`. */
export function addFleetOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--fleet <source>',
        'where workload clusters come from: capi (Cluster objects + <name>-kubeconfig Secrets in the current context) or contexts (kubeconfig contexts)',
      )
        .choices(['capi', 'contexts'])
        .default('capi'),
    )
    .option(
      '--contexts <names>',
      'with --fleet contexts: the contexts to use (comma-separated; default all)',
      list,
    )
    .option(
      '--cluster-label <context:key=value>',
      'with --fleet contexts: a label for a context (repeatable)',
      repeat,
    )
    .option(
      '--state-dir <dir>',
      'keep drift state in this directory (default: ConfigMaps in driftline-system of the management cluster for capi, ~/.driftline/drift-state for contexts)',
    );
}

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

/** Parses `ctx:key=value` entries into labels per context. */
export function parseClusterLabels(entries: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const entry of entries) {
    const m = /^([^:]+):([^=]+)=(.*)$/.exec(entry);
    if (!m) throw new UsageError(`--cluster-label ${JSON.stringify(entry)}: expected CONTEXT:KEY=VALUE`);
    out[m[1]!] = { ...out[m[1]!], [m[2]!]: m[3]! };
  }
  return out;
}
