// Drift notifications and metrics observed from real receivers: webhook, Slack-format and failing
// HTTP servers on loopback, Kubernetes Events in the management cluster, and a scrape of /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapiFleet } from '../../src/controller/fleet.js';
import { loadProfiles } from '../../src/controller/profile-files.js';
import { type DriftSession, startDriftSession } from '../../src/controller/session.js';
import { DirStateStore } from '../../src/controller/state-store.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { TestEnv } from '../env/harness.js';
import { CONFIGMAPS, FLEET_NS, startFleet, until, writeTree } from '../support/drift-fixture.js';

const SECRETS = { group: '', version: 'v1', resource: 'secrets', namespaced: true };
const EVENTS = { group: '', version: 'v1', resource: 'events', namespaced: true };
const PASSWORD = 'hunter2-correct-horse';
const NEW_PASSWORD = 'swordfish-battery-staple';

const profile = `apiVersion: driftline.dev/v1alpha1
kind: DriftProfile
metadata: {name: baseline}
spec:
  clusters: [wc1]
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: strict}
    - apiVersion: v1
      kind: Secret
      metadata: {name: creds, namespace: team-a}
      stringData: {password: ${PASSWORD}}
`;

/** An HTTP receiver on loopback that answers with `status(n)` for the n-th request (or never, for 0). */
class Receiver {
  readonly bodies: unknown[] = [];
  requests = 0;
  private server!: Server;
  url = '';
  constructor(private readonly status: (n: number) => number = () => 200) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const code = this.status(++this.requests);
        if (code === 0) return;
        if (code === 200) this.bodies.push(JSON.parse(body));
        res.writeHead(code).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

let env: TestEnv;
let session: DriftSession;
const receivers = {
  webhook: new Receiver(),
  slack: new Receiver(),
  flaky: new Receiver((n) => (n <= 2 ? 503 : 200)),
  dead: new Receiver(() => 500),
  hanging: new Receiver(() => 0),
};
const webhookEvents = (
  type: string,
  name: string,
): { type: string; object: { name: string }; diff: unknown[]; attribution: unknown[] }[] =>
  (
    receivers.webhook.bodies as {
      type: string;
      object: { name: string };
      diff: unknown[];
      attribution: unknown[];
    }[]
  ).filter((b) => b.type === type && b.object.name === name);

const intrude = (obj: KubeObject, ref = CONFIGMAPS): Promise<KubeObject> =>
  env.cluster('wc1').client.apply(ref, obj, { fieldManager: 'intruder', force: true });

beforeAll(async () => {
  env = await startFleet({ wc1: { env: 'prod' } });
  for (const r of Object.values(receivers)) await r.start();
  const mgmt = env.cluster('mgmt').client;
  const fleet = new CapiFleet(mgmt);
  session = await startDriftSession({
    profiles: loadProfiles(writeTree({ 'p.yaml': profile })),
    fleet,
    store: new DirStateStore(writeTree({})),
    logger: (await import('../../src/common/logger.js')).silentLogger(),
    metricsAddress: { host: '127.0.0.1', port: 0 },
    notify: {
      webhooks: [receivers.webhook.url, receivers.flaky.url, receivers.dead.url, receivers.hanging.url],
      slack: [receivers.slack.url],
      events: { client: mgmt, involvedFor: (id) => fleet.clusterObject(id) },
    },
  });
});

afterAll(async () => {
  await session?.stop();
  for (const r of Object.values(receivers)) await r.stop();
  await env?.stop();
});

describe('notifications', () => {
  it('posts drift with its diff and attribution, then the correction, to a generic webhook', async () => {
    await intrude({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'team-a' },
      data: { mode: 'lax' },
    });
    await until(() => webhookEvents('corrected', 'settings').length === 1, 5000, 'corrected event');
    expect(webhookEvents('drift', 'settings')).toMatchObject([
      {
        kind: 'DriftEvent',
        cluster: 'fleet/wc1',
        diff: [{ path: '/data/mode', old: 'strict', new: 'lax' }],
        attribution: [{ manager: 'intruder' }],
      },
    ]);
  });

  it('posts the Slack incoming-webhook format', async () => {
    const slack = await until(
      () =>
        (receivers.slack.bodies as { text: string; blocks: unknown[] }[]).find((b) =>
          b.text.includes('drifted'),
        ),
      5000,
      'slack message',
    );
    expect(slack.text).toMatch(
      /^:warning: ConfigMap team-a\/settings on fleet\/wc1 \(profile baseline\) drifted: \/data\/mode; changed by intruder/,
    );
    expect(JSON.stringify(slack.blocks)).toContain('/data/mode: strict → lax');
  });

  it('retries a receiver that fails twice, and a dead or hanging receiver blocks nothing', async () => {
    await until(() => receivers.flaky.bodies.length >= 1, 10_000, 'flaky receiver delivery');
    expect(receivers.flaky.requests).toBeGreaterThanOrEqual(3);
    expect(receivers.dead.requests).toBeGreaterThanOrEqual(1);
    expect(receivers.hanging.requests).toBe(1);
  });

  it('sends the same drift once even when it happens again', async () => {
    await intrude({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'team-a' },
      data: { mode: 'lax' },
    });
    await until(
      async () =>
        (
          (await env.cluster('wc1').client.get(CONFIGMAPS, 'team-a', 'settings'))?.data as Record<
            string,
            string
          >
        )?.mode === 'strict'
          ? 1
          : 0,
      5000,
      'second correction',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(webhookEvents('drift', 'settings')).toHaveLength(1);
  });

  it('records Kubernetes Events on the Cluster object in the management cluster', async () => {
    const { items } = await until(
      async () => {
        const list = await env.cluster('mgmt').client.list(EVENTS, { namespace: FLEET_NS });
        return list.items.some((e) => e.reason === 'DriftCorrected') ? list : undefined;
      },
      5000,
      'events',
    );
    expect(items.find((e) => e.reason === 'DriftDetected')).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Cluster', name: 'wc1', namespace: FLEET_NS },
      source: { component: 'driftline' },
      message: expect.stringContaining('/data/mode'),
    });
  });

  it('names a changed Secret key everywhere but never its value, plain or base64', async () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    await intrude(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'creds', namespace: 'team-a' },
        data: { password: b64(NEW_PASSWORD) },
      },
      SECRETS,
    );
    const [drift] = await until(
      () => (webhookEvents('drift', 'creds').length ? webhookEvents('drift', 'creds') : undefined),
      5000,
      'secret drift',
    );
    expect(drift!.diff).toEqual([
      { path: '/data/password', op: 'replace', old: '(redacted)', new: '(redacted, value changed)' },
    ]);
    await until(() => webhookEvents('corrected', 'creds').length, 5000, 'secret corrected');
    await session.dispatcher.flush(2000);
    const events = await env.cluster('mgmt').client.list(EVENTS, { namespace: FLEET_NS });
    const everything = JSON.stringify([
      receivers.webhook.bodies,
      receivers.slack.bodies,
      events.items,
      session.controller.snapshot(),
      await session.metrics.text(),
    ]);
    for (const secret of [PASSWORD, NEW_PASSWORD, b64(PASSWORD), b64(NEW_PASSWORD)])
      expect(everything).not.toContain(secret);
  });
});

describe('metrics', () => {
  it('exports drifts, corrections, latency, gauges, reachability and notification outcomes on /metrics', async () => {
    const text = await (await fetch(session.metricsUrl!)).text();
    const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? Number.NaN);
    expect(
      value(/^driftline_drifts_total\{cluster="fleet\/wc1",profile="baseline",kind="ConfigMap"\} (\d+)/m),
    ).toBe(2);
    expect(
      value(
        /^driftline_corrections_total\{cluster="fleet\/wc1",profile="baseline",kind="ConfigMap",result="corrected"\} (\d+)/m,
      ),
    ).toBe(2);
    expect(value(/^driftline_detection_latency_seconds_count (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(value(/^driftline_managed_objects\{cluster="fleet\/wc1",profile="baseline"\} (\d+)/m)).toBe(2);
    expect(value(/^driftline_drifted_objects\{cluster="fleet\/wc1",profile="baseline"\} (\d+)/m)).toBe(0);
    expect(value(/^driftline_cluster_reachable\{cluster="fleet\/wc1"\} (\d+)/m)).toBe(1);
    expect(
      value(
        /^driftline_notifications_total\{receiver="webhook http:\/\/127\.0\.0\.1:\d+\/…",outcome="failed"\} (\d+)/m,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^driftline_drift_age_seconds\{/m);
    expect(text).toMatch(/^driftline_process_cpu_seconds_total /m);
  });
});
