/** Status ranks and the one fold that rolls machines and levels up. */
import { describe, expect, it } from 'vitest';
import type { Assessment, MachineStatus, RollupStatus } from './status.js';
import { describeTally, fold, isWorse, rollupOf } from './status.js';

const m = (status: MachineStatus, message = status.toLowerCase()): Assessment<MachineStatus> => ({
  status,
  message,
});
const note = (status: RollupStatus, message: string): Assessment<RollupStatus> => ({ status, message });

describe('status ranks', () => {
  it.each([
    ['Stale', 'Healthy', true],
    ['Ghost', 'Stale', true],
    ['Unknown', 'Stale', false],
    ['Healthy', 'Healthy', false],
  ] as const)('says machine status %s is worse than %s: %s', (a, b, worse) => {
    expect(isWorse(a, b)).toBe(worse);
  });

  it.each([
    ['Error', 'Drifted', true],
    ['Drifted', 'Unknown', true],
    ['Unknown', 'Healthy', true],
    ['Healthy', 'Unknown', false],
  ] as const)('says roll-up status %s is worse than %s: %s', (a, b, worse) => {
    expect(isWorse(a, b)).toBe(worse);
  });

  it.each([
    ['Healthy', 'Healthy'],
    ['Unknown', 'Unknown'],
    ['Stale', 'Drifted'],
    ['Ghost', 'Drifted'],
  ] as const)('rolls a %s machine up as %s', (machine, rollup) => {
    expect(rollupOf(machine)).toBe(rollup);
  });
});

describe('fold', () => {
  it.each([
    { name: 'nothing is Healthy with no machines', input: {}, status: 'Healthy', message: 'no machines' },
    {
      name: 'healthy machines are Healthy',
      input: { machines: [m('Healthy'), m('Healthy')] },
      status: 'Healthy',
      message: '2 Healthy',
    },
    {
      name: 'an Unknown machine makes the level Unknown',
      input: { machines: [m('Healthy'), m('Unknown')] },
      status: 'Unknown',
      message: '1 Unknown, 1 Healthy',
    },
    {
      name: 'any Stale or Ghost machine makes it Drifted, even beside Unknowns',
      input: { machines: [m('Unknown'), m('Ghost'), m('Stale'), m('Healthy')] },
      status: 'Drifted',
      message: '1 Stale, 1 Ghost, 1 Unknown, 1 Healthy',
    },
    {
      name: 'an Error note wins over drift and leads the message',
      input: {
        machines: [m('Stale')],
        notes: [note('Unknown', 'vSphere unavailable'), note('Error', 'no control plane')],
      },
      status: 'Error',
      message: 'no control plane; vSphere unavailable; 1 Stale',
    },
  ] as const)('$name', ({ input, status, message }) => {
    expect(fold(input)).toMatchObject({ status, message });
  });

  it('adds up child tallies and inherits their notes, worst first, without repeats', () => {
    const a = fold({ machines: [m('Stale')], notes: [note('Unknown', 'nodes unreachable')] });
    const b = fold({
      machines: [m('Healthy')],
      notes: [note('Error', 'bad kubeconfig'), note('Unknown', 'nodes unreachable')],
    });
    const parent = fold({ children: [a, b] });
    expect(parent.status).toBe('Error');
    expect(parent.tally).toEqual({ Healthy: 1, Stale: 1, Ghost: 0, Unknown: 0 });
    expect(parent.notes.map((n) => n.message)).toEqual(['bad kubeconfig', 'nodes unreachable']);
  });

  it('shows at most three notes and counts the rest', () => {
    const notes = ['a', 'b', 'c', 'd', 'e'].map((x) => note('Error', x));
    expect(fold({ notes }).message).toBe('a; b; c; 2 more; no machines');
  });

  it('describes an empty tally', () => {
    expect(describeTally({ Healthy: 0, Stale: 0, Ghost: 0, Unknown: 0 })).toBe('no machines');
  });
});
