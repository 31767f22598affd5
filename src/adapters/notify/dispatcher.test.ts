import { describe, expect, it } from 'vitest';
import type { DriftEvent } from '../../profiles/events.js';
import { NotificationDispatcher } from './dispatcher.js';
import type { Receiver } from './receiver.js';

const event = (type: DriftEvent['type'], value = 'lax'): DriftEvent => ({
  type,
  at: '2024-05-01T00:00:00Z',
  cluster: 'fleet/wc1',
  profile: 'baseline',
  object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' },
  status: 'Drifted',
  drift: 'modified',
  correction: 'Auto',
  diff: [{ path: '/data/mode', op: 'replace', old: 'strict', new: value }],
  attribution: [{ manager: 'kubectl-edit', operation: 'Update', paths: ['/data/mode'] }],
  message: 'drifted',
});

class Fake implements Receiver {
  readonly got: DriftEvent[] = [];
  calls = 0;
  constructor(
    readonly name: string,
    private readonly failures = 0,
    private readonly hang = false,
  ) {}
  async send(e: DriftEvent): Promise<void> {
    this.calls++;
    if (this.hang) await new Promise(() => undefined);
    if (this.calls <= this.failures) throw new Error('HTTP 500');
    this.got.push(e);
  }
}

describe('NotificationDispatcher', () => {
  it('sends the same type, object and diff once, but a different diff or type again', async () => {
    const r = new Fake('r');
    const d = new NotificationDispatcher([r], { retryDelayMs: 1 });
    for (const e of [event('drift'), event('drift'), event('drift', 'other'), event('corrected')])
      d.notify(e);
    await d.flush(1000);
    expect(r.got.map((e) => `${e.type}:${e.diff[0]?.new}`)).toEqual([
      'drift:lax',
      'drift:other',
      'corrected:lax',
    ]);
  });

  it('retries a failing receiver and reports the outcome', async () => {
    const r = new Fake('flaky', 2);
    const outcomes: string[] = [];
    const d = new NotificationDispatcher([r], { retryDelayMs: 1, onResult: (_n, o) => outcomes.push(o) });
    d.notify(event('drift'));
    await d.flush(1000);
    expect([r.calls, r.got.length, outcomes]).toEqual([3, 1, ['sent']]);
  });

  it('gives up after the last attempt', async () => {
    const r = new Fake('dead', 99);
    const outcomes: string[] = [];
    const d = new NotificationDispatcher([r], {
      retryDelayMs: 1,
      attempts: 3,
      onResult: (_n, o) => outcomes.push(o),
    });
    d.notify(event('drift'));
    await d.flush(1000);
    expect([r.calls, outcomes]).toEqual([3, ['failed']]);
  });

  it('returns at once and keeps delivering to others while one receiver hangs', async () => {
    const stuck = new Fake('stuck', 0, true);
    const ok = new Fake('ok');
    const d = new NotificationDispatcher([stuck, ok]);
    const started = performance.now();
    d.notify(event('drift'));
    d.notify(event('corrected'));
    expect(performance.now() - started).toBeLessThan(5);
    await new Promise((r) => setTimeout(r, 20));
    expect(ok.got).toHaveLength(2);
  });

  it('drops the oldest events of a receiver whose queue is full', async () => {
    const stuck = new Fake('stuck', 0, true);
    const outcomes: string[] = [];
    const d = new NotificationDispatcher([stuck], { maxQueue: 2, onResult: (_n, o) => outcomes.push(o) });
    for (let i = 0; i < 5; i++) d.notify(event('drift', String(i)));
    expect(outcomes).toEqual(['dropped', 'dropped']);
  });
});
