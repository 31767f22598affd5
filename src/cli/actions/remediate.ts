/** `driftline remediate --report FILE` runs here: carry out a detect report's remediation steps. */
import { writeFileSync } from 'node:fs';
import { DriftlineError, describeError, UsageError } from '../../common/errors.js';
import { readJsonFile } from '../../common/json-file.js';
import { resolveVSphere, type VSphereResolution } from '../../detect/vsphere-credentials.js';
import type { RemediationStep } from '../../recovery/index.js';
import { parseReport } from '../../recovery/report-parse.js';
import { clientCache } from '../../remediate/deps.js';
import { planFromReport } from '../../remediate/plan.js';
import { runRemediation, type StepResult } from '../../remediate/run.js';
import { findMismatches, type TargetCheck, type VCenterTarget } from '../../remediate/targets.js';
import type { RemediateFlags } from '../commands/remediate.js';
import { askYesNo, canAsk } from '../confirm.js';
import type { CliContext } from '../context.js';
import { connectCurrent } from '../kube.js';
import { printData } from '../output.js';
import { vsphereFlags } from '../vsphere-flags.js';

/** Checks the report against its targets, then carries out its steps (asking unless --yes). */
export async function remediateAction(ctx: CliContext, flags: RemediateFlags): Promise<void> {
  const report = parseReport(await readJsonFile(flags.report), flags.report);
  if (!flags.yes && !flags.dryRun && !canAsk())
    throw new UsageError(
      'refusing destructive steps without a terminal to confirm on: pass --yes or --dry-run',
    );
  // The same resolution as detect: flags, then govc's environment, then the report's vCenter.
  const vsphere = resolveVSphere(
    {
      ...vsphereFlags(flags),
      server:
        flags.vsphereServer ?? (ctx.env.GOVC_URL ? undefined : (report.options.vsphereServer ?? undefined)),
    },
    ctx.env,
    NO_TOPOLOGY,
    [],
  );
  const clients = clientCache({
    management: () => connectCurrent(ctx),
    workloadKubeconfigs: workloadKubeconfigs(flags.workloadKubeconfig),
    vsphere,
    logger: ctx.logger,
  });
  try {
    const plan = planFromReport(report);
    await checkTargets(ctx, flags, {
      report,
      plan,
      vcenter: namedVCenter(flags, ctx.env, vsphere),
      management: clients.management,
    });
    const results = await runRemediation(plan, {
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
}

// Before any step: a report about another vCenter or backup is refused (a warning with --dry-run,
// which touches nothing, or with --allow-mismatch).
async function checkTargets(ctx: CliContext, flags: RemediateFlags, check: TargetCheck): Promise<void> {
  const warnOnly = flags.allowMismatch || flags.dryRun;
  let mismatches: string[];
  try {
    mismatches = await findMismatches(check);
  } catch (err) {
    if (!flags.dryRun) throw err;
    ctx.stderr.write(`warning: could not compare ${flags.report} with its targets: ${describeError(err)}\n`);
    return;
  }
  const lines = mismatches.map((m) => `${flags.report}: ${m}`);
  if (lines.length === 0) return;
  if (warnOnly) {
    const why = flags.allowMismatch ? '--allow-mismatch' : 'refused without --dry-run';
    for (const line of lines) ctx.stderr.write(`warning: ${line} (${why})\n`);
    return;
  }
  throw new DriftlineError('remediate.mismatch', lines[0]!, {
    problems: [
      ...lines,
      `refusing to act on ${flags.report}: it is not about these targets (check --kubeconfig/--context and the vCenter, or pass --allow-mismatch)`,
    ],
  });
}

// The vCenter a flag or GOVC_URL names; falling back to the report's own needs no comparison.
function namedVCenter(
  flags: RemediateFlags,
  env: NodeJS.ProcessEnv,
  vsphere: VSphereResolution,
): VCenterTarget | undefined {
  if (!vsphere.ok || (!flags.vsphereServer && !env.GOVC_URL)) return undefined;
  return { server: vsphere.target.server, source: flags.vsphereServer ? '--vsphere-server' : 'GOVC_URL' };
}

// `namespace/name=FILE`; anything else would be silently ignored and the Secret used instead.
function workloadKubeconfigs(values: string[] = []): Record<string, string> {
  return Object.fromEntries(
    values.map((kv) => {
      const m = /^([^/=]+\/[^/=]+)=(.+)$/.exec(kv);
      if (!m) throw new UsageError(`--workload-kubeconfig ${kv}: expected namespace/name=FILE`);
      return [m[1]!, m[2]!];
    }),
  );
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
