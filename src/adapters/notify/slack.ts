/** Slack incoming-webhook messages: a summary line, who changed it, and the field diff as a code block. */
import { type DriftEvent, describeAttribution, summarizeEvent } from '../../profiles/events.js';
import { postJson, type Receiver } from './receiver.js';

const ICONS: Record<DriftEvent['type'], string> = {
  drift: ':warning:',
  corrected: ':wrench:',
  contested: ':crossed_swords:',
  recovered: ':white_check_mark:',
};

const MAX_LINES = 15;

/** The Slack message (`text` + Block Kit `blocks`) for an event. */
export function slackMessage(event: DriftEvent): { text: string; blocks: unknown[] } {
  const text = `${ICONS[event.type]} ${summarizeEvent(event)}`;
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }];
  const lines = event.diff
    .slice(0, MAX_LINES)
    .map((c) => `${c.path || '(object)'}: ${show(c.old)} → ${show(c.new)}`);
  if (event.diff.length > MAX_LINES) lines.push(`… ${event.diff.length - MAX_LINES} more`);
  if (lines.length > 0 && event.type !== 'recovered')
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `\`\`\`${escapeMrkdwn(lines.join('\n'))}\`\`\`` },
    });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: escapeMrkdwn(
          `changed by ${describeAttribution(event.attribution)} · correction ${event.correction} · status ${event.status}`,
        ),
      },
    ],
  });
  return { text, blocks };
}

/** Posts events to a Slack incoming webhook. */
export class SlackReceiver implements Receiver {
  readonly name = 'slack';

  constructor(
    private readonly url: string,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  send(event: DriftEvent): Promise<void> {
    return postJson(this.url, slackMessage(event), this.options);
  }
}

function show(value: unknown): string {
  if (value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

// Slack's mrkdwn treats &, < and > specially.
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
