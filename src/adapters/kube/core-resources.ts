/** The core (v1) resources Driftline reads and writes itself, defined once for every caller. */
import type { ResourceRef } from './interfaces.js';

const core = (resource: string, namespaced: boolean): ResourceRef => ({
  group: '',
  version: 'v1',
  resource,
  namespaced,
});

/** The core resources by plural: Secrets, ConfigMaps, Namespaces, Nodes, Pods and Events. */
export const CORE_RESOURCES = {
  secrets: core('secrets', true),
  configmaps: core('configmaps', true),
  namespaces: core('namespaces', false),
  nodes: core('nodes', false),
  pods: core('pods', true),
  events: core('events', true),
} as const satisfies Record<string, ResourceRef>;
