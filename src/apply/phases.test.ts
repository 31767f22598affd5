/** The phase runner: order from the journaled step, failures journaled, simulated crashes not. */
import { describe, expect, it } from 'vitest';
import { crashAfter } from './crash.js';
import type { JournalPhase } from './journal/codec.js';
import { runPhases } from './phases.js';

type Step = 'one' | 'two' | 'done';

class StepJournal {
  failures: string[] = [];
  abandoned = false;
  constructor(public step: Step) {}
  async fail(error: string, phase: JournalPhase): Promise<void> {
    this.failures.push(`${phase}: ${error}`);
  }
  abandon(): void {
    this.abandoned = true;
  }
}

describe('running phases', () => {
  it('starts at the journaled step and goes on until a step without a phase', async () => {
    const journal = new StepJournal('two');
    const ran: string[] = [];
    await runPhases(journal, {
      one: async () => void ran.push('one'),
      two: async () => {
        ran.push('two');
        journal.step = 'done';
      },
    });
    expect(ran).toEqual(['two']);
  });

  it('journals a failure before throwing it', async () => {
    const journal = new StepJournal('one');
    const run = runPhases(journal, {
      one: async () => {
        throw new Error('the target refused');
      },
    });
    await expect(run).rejects.toThrow('the target refused');
    expect(journal.failures).toEqual(['Failed: the target refused']);
  });

  it('lets a simulated crash through unjournaled, the journal abandoned', async () => {
    const journal = new StepJournal('one');
    const crash = crashAfter(journal, 2, 'created');
    const run = runPhases(journal, {
      one: async () => {
        crash();
        crash();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'apply.injected-failure' });
    expect([journal.failures, journal.abandoned]).toEqual([[], true]);
  });

  it('refuses a phase that does not advance the journal (it would loop forever)', async () => {
    const journal = new StepJournal('one');
    await expect(runPhases(journal, { one: async () => undefined })).rejects.toThrow('did not advance');
  });
});
