/** Notification adapters: generic webhook, Slack incoming webhook, Kubernetes Events, and the dispatcher. */
export * from './dispatcher.js';
export * from './kube-events.js';
export * from './receiver.js';
export * from './slack.js';
export * from './webhook.js';
