/** Flags shared by the drift commands: where profiles, the fleet and the drift state are (actions/drift/fleet.ts opens them). */
import { type Command, Option } from 'commander';
import { UsageError } from '../../../common/errors.js';

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
