import { describe, expect, it } from 'vitest';
import { buildBackupObject } from '../format/index.js';
import { backupNameFor, decideRun, parseCron, type ScheduleState, selectExpired } from './schedule.js';

const t = (iso: string): Date => new Date(iso);

describe('parseCron', () => {
  const cases: [string, string, string, string][] = [
    ['runs a five-field cron in UTC', '0 2 * * *', '2025-01-01T05:00:00Z', '2025-01-02T02:00:00.000Z'],
    ['is strictly after the given time', '0 2 * * *', '2025-01-01T02:00:00Z', '2025-01-02T02:00:00.000Z'],
    ['accepts descriptors', '@daily', '2025-01-01T05:00:00Z', '2025-01-02T00:00:00.000Z'],
    ['accepts a leading seconds field', '*/5 * * * * *', '2025-01-01T00:00:03Z', '2025-01-01T00:00:05.000Z'],
    [
      'honours CRON_TZ',
      'CRON_TZ=Europe/Berlin 0 2 * * *',
      '2025-01-01T05:00:00Z',
      '2025-01-02T01:00:00.000Z',
    ],
    [
      'runs @every from the given time, to the second',
      '@every 6h',
      '2025-01-01T05:00:00.700Z',
      '2025-01-01T11:00:00.000Z',
    ],
    ['runs a weekday range', '0 2 * * 1-5', '2025-01-03T03:00:00Z', '2025-01-06T02:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, expression, after, next) => {
    expect(parseCron(expression).next(t(after)).toISOString()).toBe(next);
  });

  const invalid: [string, string, RegExp][] = [
    ['rejects too few fields', '0 2 * *', /expected 5 fields/],
    ['rejects out-of-range values', '61 * * * *', /invalid schedule "61 \* \* \* \*": .*0-59/],
    ['rejects words', 'every day', /invalid schedule/],
    ['rejects @every below one second', '@every 10ms', /at least 1s/],
    ['rejects @every with a bad duration', '@every soon', /invalid duration/],
  ];
  it.each(invalid)('%s', (_name, expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });
});

describe('decideRun', () => {
  const daily = parseCron('0 2 * * *');
  const created = t('2025-01-01T00:00:00Z');
  const cases: [string, ScheduleState, string, Partial<ReturnType<typeof decideRun>>][] = [
    [
      'backs up at once when a new schedule has never run (as Velero does)',
      { createdAt: created },
      '2025-01-01T00:00:05Z',
      { due: true, catchUp: false, missed: 0 },
    ],
    [
      'waits for the first tick with skipImmediately',
      { createdAt: created, skipImmediately: true },
      '2025-01-01T00:00:05Z',
      { due: false, nextRun: t('2025-01-01T02:00:00Z') },
    ],
    [
      'is not due before the next tick after the last backup',
      { createdAt: created, lastBackup: t('2025-01-01T02:00:00Z') },
      '2025-01-02T01:59:59Z',
      { due: false, nextRun: t('2025-01-02T02:00:00Z') },
    ],
    [
      'is due on the tick, and that is not a catch-up',
      { createdAt: created, lastBackup: t('2025-01-01T02:00:00Z') },
      '2025-01-02T02:00:00.020Z',
      { due: true, catchUp: false, missed: 1, scheduledFor: t('2025-01-02T02:00:00Z') },
    ],
    [
      'takes ONE catch-up backup for several missed ticks',
      { createdAt: created, lastBackup: t('2025-01-01T02:00:00Z') },
      '2025-01-05T09:00:00Z',
      { due: true, catchUp: true, missed: 4, scheduledFor: t('2025-01-05T02:00:00Z') },
    ],
    [
      'calls a single tick missed by hours a catch-up',
      { createdAt: created, lastBackup: t('2025-01-01T02:00:00Z') },
      '2025-01-02T07:00:00Z',
      { due: true, catchUp: true, missed: 1 },
    ],
    [
      'counts missed ticks from creation with skipImmediately',
      { createdAt: created, skipImmediately: true },
      '2025-01-03T03:00:00Z',
      { due: true, catchUp: true, missed: 3 },
    ],
    [
      'never runs a paused schedule',
      { createdAt: created, lastBackup: t('2025-01-01T02:00:00Z'), paused: true },
      '2025-02-01T00:00:00Z',
      { due: false, reason: 'paused' },
    ],
  ];
  it.each(cases)('%s', (_name, state, now, expected) => {
    expect(decideRun(daily, state, t(now))).toMatchObject(expected);
  });

  it('is not due again right after the catch-up backup it asked for', () => {
    const now = t('2025-01-05T09:00:00Z');
    const after = decideRun(daily, { createdAt: created, lastBackup: now }, t('2025-01-05T09:00:03Z'));
    expect(after).toMatchObject({ due: false, nextRun: t('2025-01-06T02:00:00Z') });
  });
});

describe('backupNameFor', () => {
  const cases: [string, string, string][] = [
    ['uses UTC and whole seconds', '2025-03-04T05:06:07.890Z', 'nightly-20250304050607'],
    ['pads every field', '2025-01-01T00:00:00Z', 'nightly-20250101000000'],
  ];
  it.each(cases)('%s', (_name, time, name) => {
    expect(backupNameFor('nightly', t(time))).toBe(name);
  });
});

describe('selectExpired', () => {
  const backup = (
    name: string,
    start: string,
    ttl: string,
    phase: 'Completed' | 'InProgress' = 'Completed',
  ) => buildBackupObject({ name, ttl, phase, startTimestamp: t(start), totalItems: 0, itemsBackedUp: 0 });
  const now = t('2025-01-10T00:00:00Z');

  it('selects backups whose expiration has passed, oldest first, with a reason', () => {
    const selected = selectExpired(
      [
        backup('fresh', '2025-01-09T00:00:00Z', '720h'),
        backup('old-b', '2025-01-01T00:00:00Z', '24h'),
        backup('old-a', '2024-12-01T00:00:00Z', '24h'),
      ],
      now,
    );
    expect(selected).toEqual([
      { name: 'old-a', expiration: '2024-12-02T00:00:00Z', reason: 'expired at 2024-12-02T00:00:00Z' },
      { name: 'old-b', expiration: '2025-01-02T00:00:00Z', reason: 'expired at 2025-01-02T00:00:00Z' },
    ]);
  });

  const kept: [string, ReturnType<typeof backup>][] = [
    ['expiring exactly now', backup('edge', '2025-01-09T00:00:00Z', '24h')],
    ['still in progress', backup('running', '2025-01-01T00:00:00Z', '1h', 'InProgress')],
    [
      'without an expiration',
      { ...backup('forever', '2025-01-01T00:00:00Z', '1h'), status: { phase: 'Completed' } },
    ],
  ];
  it.each(kept)('keeps a backup %s', (_name, b) => {
    expect(selectExpired([b], now)).toEqual([]);
  });
});
