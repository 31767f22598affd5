import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterRecord } from '../profiles/state.js';
import { Heartbeat, heartbeatSeconds, markObserved, type ObservedCluster } from './heartbeat.js';

class FakeWorker implements ObservedCluster {
  constructor(public record: ClusterRecord) {}
  updateCluster(patch: (c: ClusterRecord) => Partial<ClusterRecord>): void {
    this.record = { ...this.record, ...patch(this.record) };
  }
}
const worker = (reachable: boolean): FakeWorker =>
  new FakeWorker({ id: 'fleet/wc1', reachable, since: 't', profiles: ['p'] });
const T0 = Date.parse('2024-05-01T12:00:00Z');

describe('heartbeatSeconds', () => {
  it.each([
    [1, 60],
    [600, 60],
    [5000, 500],
  ])('beats every %s clusters every %s s', (clusters, seconds) => {
    expect(heartbeatSeconds(clusters)).toBe(seconds);
  });
});

describe('markObserved', () => {
  it('records the observation time only for a cluster that answered', () => {
    const up = worker(true);
    const down = worker(false);
    markObserved(up, 'now');
    markObserved(down, 'now');
    expect(up.record.observedAt).toBe('now');
    expect(down.record.observedAt).toBeUndefined();
  });
});

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('saves the heartbeat and observation time every interval, and removes the heartbeat on stop', () => {
    const workers = [worker(true), worker(false)];
    const heartbeat = new Heartbeat(() => workers, Date.now, 30);
    heartbeat.start();
    vi.advanceTimersByTime(30_000);
    const watch = { at: '2024-05-01T12:00:30.000Z', intervalSeconds: 30 };
    expect(workers.map((w) => [w.record.watch, w.record.observedAt])).toEqual([
      [watch, watch.at],
      [watch, undefined],
    ]);
    heartbeat.stop();
    vi.advanceTimersByTime(60_000);
    expect(workers.map((w) => w.record.watch)).toEqual([undefined, undefined]);
  });
});
