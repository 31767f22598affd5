/** The phase runner: an operation's phases run in order from the one its journal records, each journaled. */
import { describeError, hasCode } from '../common/errors.js';
import type { JournalPhase } from './journal/codec.js';

/** The journal as the runner needs it: the recorded step and a way to record a failure. */
export interface PhaseJournal<Step extends string> {
  readonly step: Step;
  /** Records `phase` Failed with the error's message (best effort). */
  fail(error: string, phase: JournalPhase): Promise<void>;
}

/** Options of {@link runPhases}. */
export interface PhaseOptions {
  /** Error codes thrown as they are, without journaling a failure (a simulated crash, a refusal). */
  passThrough?: readonly string[];
  log?: (line: string) => void;
}

/**
 * Runs the phase the journal records, then the next one it records, until the step has no phase
 * (done). Each phase advances the journal's step itself when it finishes, so a re-run after a
 * crash starts again at the phase that was interrupted — the recovery path is just running again.
 * A failure is journaled (phase Failed, the error) before it is thrown; a simulated crash is not.
 */
export async function runPhases<Step extends string>(
  journal: PhaseJournal<Step>,
  phases: Partial<Record<Step, () => Promise<void>>>,
  options: PhaseOptions = {},
): Promise<void> {
  for (;;) {
    const step = journal.step;
    const phase = phases[step];
    if (!phase) return;
    options.log?.(`phase ${step}`);
    await guarded(journal, phase, options.passThrough ?? []);
    if (journal.step === step) throw new Error(`phase ${step} did not advance the journal`);
  }
}

/** Runs `run`; a failure other than `passThrough` codes is journaled as Failed, then thrown. */
export async function guarded(
  journal: Pick<PhaseJournal<string>, 'fail'>,
  run: () => Promise<void>,
  passThrough: readonly string[] = [],
): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (hasCode(err, 'apply.injected-failure', ...passThrough)) throw err;
    await journal.fail(describeError(err), 'Failed').catch(() => undefined);
    throw err;
  }
}
