/** `driftline remediate --report FILE`: carry out a detect report's remediation steps. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../common/errors.js';
import { readJsonFile } from '../../common/json-file.js';
import { resolveVSphere } from '../../detect/vsphere-credentials.js';
import type { RecoveryDriftReport, RemediationStep } from '../../recovery/index.js';
import { clientCache } from '../../remediate/deps.js';
import { planFromReport } from '../../remediate/plan.js';
import { runRemediation, type StepResult } from '../../remediate/run.js';
import { askYesNo, canAsk } from '../confirm.js';
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { intFlag } from '../number-flags.js';
import { addOutputOption, printData } from '../output.js';
import { addVSphereOptions, type VSphereCliFlags, vsphereFlags } from '../vsphere-flags.js';

interface RemediateFlags extends VSphereCliFlags {
  report: string;
  dryRun?: boolean;
  yes?: boolean;
  log?: string;
  workloadKubeconfig?: string[];
  gracePeriod?: number;
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
    .addHelpText(
      'after',
      '\nRuns against the RESTORED management cluster (--kubeconfig/--context). Healthy objects are never touched;\n' +
        'each target is re-checked before acting. Steps that need a person (etcd member removal) are printed, not run.\n' +
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
  ).action(async (flags: RemediateFlags, command: Command) => {
    const ctx = makeContext(command);
    const report = (await readJsonFile(flags.report)) as RecoveryDriftReport;
    if (report?.kind !== 'RecoveryDriftReport')
      throw new UsageError(`${flags.report} is not a driftline detect report`);
    if (!flags.yes && !flags.dryRun && !canAsk())
      throw new UsageError(
        'refusing destructive steps without a terminal to confirm on: pass --yes or --dry-run',
      );
    const clients = clientCache({
      management: () => connectCurrent(ctx),
      workloadKubeconfigs: Object.fromEntries(
        (flags.workloadKubeconfig ?? []).map((kv) => kv.split('=', 2) as [string, string]),
      ),
      // The same resolution as detect: flags, then govc's environment, then the report's vCenter.
      vsphere: resolveVSphere(
        {
          ...vsphereFlags(flags),
          server:
            flags.vsphereServer ??
            (ctx.env.GOVC_URL ? undefined : (report.options.vsphereServer ?? undefined)),
        },
        ctx.env,
        NO_TOPOLOGY,
        [],
      ),
      logger: ctx.logger,
    });
    try {
      const results = await runRemediation(planFromReport(report), {
        ...clients,
        dryRun: flags.dryRun,
        gracePeriodSeconds: flags.gracePeriod,
        confirm: (finding, steps) => (flags.yes ? Promise.resolve(true) : ask(ctx, finding, steps)),
      });
      if (!flags.dryRun)
        writeFileSync(flags.log!, `${JSON.stringify({ report: flags.report, results }, null, 2)}\n`);
      printData(ctx, results, () => table(results));
      if (!flags.dryRun) ctx.stderr.write(`log written to ${flags.log}\n`);
      ctx.setExitCode(
        results.some((r) => r.result === 'failed')
          ? 2
          : results.some((r) => r.result === 'manual' || r.result === 'declined')
            ? 1
            : 0,
      );
    } finally {
      await clients.close();
    }
  });
}

async function ask(ctx: CliContext, finding: string, steps: RemediationStep[]): Promise<boolean> {
  ctx.stderr.write(`\n${finding}:\n${steps.map((s) => `  ${s.order}. ${s.description}`).join('\n')}\n`);
  return askYesNo('Carry out these steps?', ctx.stderr);
}

// remediate reads no backup: vCenter details come from flags, the environment and the report.
const NO_TOPOLOGY = { clusters: [], problems: [] };

function table(results: StepResult[]): { headers: string[]; rows: string[][] } {
  return {
    headers: ['FINDING', 'STEP', 'ACTION', 'TARGET', 'RESULT', 'DETAIL'],
    rows: results.map((r) => [
      r.finding,
      String(r.order),
      r.type,
      r.target,
      r.result,
      r.result === 'manual' ? r.command : r.detail,
    ]),
  };
}
