import { describe, expect, it } from 'vitest';
import type { DriftEvent } from '../../profiles/events.js';
import { kubeEvent } from './kube-events.js';
import { slackMessage } from './slack.js';
import { webhookPayload } from './webhook.js';

const drift: DriftEvent = {
  type: 'drift',
  at: '2024-05-01T00:00:00Z',
  cluster: 'fleet/wc1',
  profile: 'baseline',
  object: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team-a', name: 'settings' },
  status: 'Drifted',
  drift: 'modified',
  correction: 'Manual',
  diff: [{ path: '/data/mode', op: 'replace', old: 'strict', new: '<lax>' }],
  attribution: [
    { manager: 'kubectl-edit', operation: 'Update', time: '2024-05-01T00:00:00Z', paths: ['/data/mode'] },
  ],
  message: 'drifted',
};

describe('notification payloads', () => {
  it('sends the whole event with a summary to a generic webhook', () => {
    expect(webhookPayload(drift)).toMatchObject({
      apiVersion: 'driftline.dev/v1alpha1',
      kind: 'DriftEvent',
      type: 'drift',
      diff: drift.diff,
      summary:
        'ConfigMap team-a/settings on fleet/wc1 (profile baseline) drifted: /data/mode; changed by kubectl-edit (Update, 2024-05-01T00:00:00Z)',
    });
  });

  it('formats Slack messages with the diff in a code block, escaping mrkdwn', () => {
    const message = slackMessage(drift);
    expect(message.text).toMatch(/^:warning: ConfigMap team-a\/settings on fleet\/wc1/);
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '```/data/mode: strict → &lt;lax&gt;```' },
    });
    expect(JSON.stringify(message.blocks[2])).toContain('correction Manual');
  });

  it('records a Warning Event on the Cluster object, in its namespace', () => {
    const e = kubeEvent(
      drift,
      { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', namespace: 'fleet', name: 'wc1', uid: 'u' },
      new Date('2024-05-01T00:00:01.5Z'),
    );
    expect(e).toMatchObject({
      metadata: { namespace: 'fleet', name: expect.stringMatching(/^wc1\.driftline\.[0-9a-f]{12}$/) },
      involvedObject: { kind: 'Cluster', name: 'wc1' },
      reason: 'DriftDetected',
      type: 'Warning',
      firstTimestamp: '2024-05-01T00:00:01Z',
    });
  });
});
