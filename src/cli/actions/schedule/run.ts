/** `driftline schedule run [NAME…]` runs here: the long-running scheduler (Ctrl-C stops after the current backup). */
import { KubeClient } from '../../../adapters/kube/index.js';
import type { CaptureSource } from '../../../backup/capture.js';
import type { BackupRepository } from '../../../backup/repository.js';
import type { VeleroSchedule } from '../../../backup/schedule-object.js';
import { type RunSummary, runSchedules, systemClock } from '../../../backup/schedule-runner.js';
import { parseDuration, rfc3339 } from '../../../format/index.js';
import { readAnnotation, SCHEDULE_ANNOTATIONS } from '../../../model/vocabulary.js';
import type { RunFlags } from '../../commands/schedule/run.js';
import type { CliContext } from '../../context.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../../exit-codes.js';
import { openRepository } from '../../open-repository.js';
import { openSchedules, storeFlagsFrom } from './store.js';

/** Takes due backups and deletes expired ones until interrupted (or once, with --once). */
export async function scheduleRun(ctx: CliContext, names: string[], flags: RunFlags): Promise<void> {
  const controller = new AbortController();
  void ctx.untilInterrupted().then((signal) => {
    ctx.stderr.write(`${signal}: stopping after the current backup\n`);
    controller.abort();
  });
  const timer = flags.stopAfter
    ? setTimeout(() => controller.abort(), parseDuration(flags.stopAfter))
    : undefined;
  const clients = new Map<string, KubeClient>();
  try {
    const summary = await runSchedules(
      {
        clock: systemClock,
        schedules: openSchedules(flags, ctx.env),
        repositoryFor: (s) => repositoryFor(s, ctx),
        sourceFor: (s) => sourceFor(s, ctx, clients),
        log: (line) => ctx.stdout.write(`${rfc3339(new Date())} ${line}\n`),
      },
      { names, once: flags.once, signal: controller.signal },
    );
    ctx.setExitCode(exitCode(summary));
  } finally {
    clearTimeout(timer);
    for (const client of clients.values()) client.close();
  }
}

function repositoryFor(schedule: VeleroSchedule, ctx: CliContext): BackupRepository {
  return openRepository(storeFlagsFrom(schedule.metadata.annotations), ctx.env);
}

// --kubeconfig/--context on `run` win over what the schedule recorded; one client per cluster.
function sourceFor(
  schedule: VeleroSchedule,
  ctx: CliContext,
  clients: Map<string, KubeClient>,
): CaptureSource {
  const annotations = schedule.metadata.annotations;
  const file = ctx.globals.kubeconfig ?? readAnnotation(annotations, SCHEDULE_ANNOTATIONS.kubeconfig);
  const context = ctx.globals.context ?? readAnnotation(annotations, SCHEDULE_ANNOTATIONS.kubeContext);
  const key = `${file ?? ''}|${context ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = KubeClient.connect({ file, context, env: ctx.env, logger: ctx.logger });
    clients.set(key, client);
  }
  return client;
}

function exitCode(summary: RunSummary): number {
  if (summary.failures.length > 0) return EXIT_ERROR;
  return summary.backups.some((b) => b.phase !== 'Completed') ? EXIT_FINDINGS : EXIT_OK;
}
