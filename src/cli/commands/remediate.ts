/** `driftline remediate --report FILE`: carry out a detect report's remediation steps. */
import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import type { CliContext } from '../context.js';
import { intFlag } from '../number-flags.js';
import { addOutputOption } from '../output.js';
import { addVSphereOptions, type VSphereCliFlags } from '../vsphere-flags.js';

/** The flags of `remediate`. */
export interface RemediateFlags extends VSphereCliFlags {
  report: string;
  dryRun?: boolean;
  yes?: boolean;
  log?: string;
  workloadKubeconfig?: string[];
  gracePeriod?: number;
  allowMismatch?: boolean;
  output?: string;
}

/** Registers `remediate`. */
export function registerRemediate(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = program
    .command('remediate')
    .description(
      "carry out a detect report's remediation after a restore: drain and delete ghost Nodes, destroy ghost VMs, scale pools, delete stale Machines",
    )
    .requiredOption('--report <file>', 'a JSON report from `driftline detect -o report.json`')
    .option('--dry-run', 'show every step and change nothing')
    .option('--yes', 'do not ask before destructive steps')
    .option(
      '--log <file>',
      'where to write what was done (JSON)',
      `remediation-${new Date().toISOString().replace(/[:.]/g, '')}.json`,
    )
    .option(
      '--workload-kubeconfig <ns/name=file>',
      'kubeconfig of a workload cluster (default: its <name>-kubeconfig Secret in the management cluster)',
      (v, p: string[] = []) => [...p, v],
    )
    .option('--grace-period <seconds>', "grace period for evicted pods (default: each pod's own)", intFlag(0))
    .option(
      '--allow-mismatch',
      "act even when the report's vCenter or backup is not the vCenter and management cluster given",
    )
    .addHelpText(
      'after',
      '\nRuns against the RESTORED management cluster (--kubeconfig/--context). Healthy objects are never touched;\n' +
        'each target is re-checked before acting. Steps that need a person (etcd member removal) are printed, not run.\n' +
        'A report whose vCenter or backup is not the one about to be touched is refused unless --allow-mismatch.\n' +
        'Without --dry-run, what was done is written as JSON to --log (default: remediation-<time>.json in the current directory).\n' +
        '\nExamples:\n' +
        '  driftline detect --backup mgmt-nightly-20250101020000 -o report.json\n' +
        '  driftline --context new-mgmt remediate --report report.json --dry-run\n' +
        '  driftline --context new-mgmt remediate --report report.json --yes --log /var/log/driftline/remediation.json',
    );
  addOutputOption(
    addVSphereOptions(cmd, {
      server: "$GOVC_URL, then the report's vCenter",
      username: '$GOVC_USERNAME',
      thumbprint: 'none: system CAs',
      insecure: 'also $GOVC_INSECURE=1',
    }),
  ).action(lazyAction(makeContext, async () => (await import('../actions/remediate.js')).remediateAction));
}
