/** Tests for power-off/destroy task handling: polling, fault messages, idempotent power-off. */
import { describe, expect, it } from 'vitest';
import type { MoRef, ServiceContent, SoapSession } from './client.js';
import { buildEnvelope, parseXml, type XmlElement } from './soap-xml.js';
import { VSphereVmActions, waitForTask } from './tasks.js';

const SERVICE_CONTENT = {
  propertyCollector: { type: 'PropertyCollector', value: 'propertyCollector' },
} as ServiceContent;

const XSI = 'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"';
const state = (s: string): string =>
  `<propSet><name>info.state</name><val ${XSI} XMLSchema-instance:type="TaskInfoState">${s}</val></propSet>`;
const error = (faultType: string, localized: string, fields = ''): string =>
  `<propSet><name>info.error</name><val ${XSI} XMLSchema-instance:type="LocalizedMethodFault">` +
  `<fault XMLSchema-instance:type="${faultType}">${fields}</fault><localizedMessage>${localized}</localizedMessage></val></propSet>`;

/** A session whose task reports the given info property sets, one per poll (the last one repeats). */
function taskSession(polls: string[]): SoapSession & { methods: string[] } {
  const methods: string[] = [];
  let poll = 0;
  return {
    serviceContent: SERVICE_CONTENT,
    methods,
    async call(method: string, target: MoRef): Promise<XmlElement> {
      methods.push(`${method} ${target.value}`);
      let inner = '';
      if (method.endsWith('_Task')) inner = '<returnval type="Task">task-9</returnval>';
      if (method === 'RetrievePropertiesEx') {
        const props = polls[Math.min(poll++, polls.length - 1)];
        inner = `<returnval><objects><obj type="Task">task-9</obj>${props}</objects></returnval>`;
      }
      const xml = buildEnvelope(`${method}Response`, []).replace('</', `${inner}</`);
      return parseXml(xml).children[0]!.children[0]!;
    },
  };
}

const FAST = { pollMs: 1, maxPollMs: 2 };

describe('waitForTask', () => {
  it('polls until the task leaves queued/running', async () => {
    const session = taskSession([state('queued'), state('running'), state('success')]);
    await expect(waitForTask(session, { type: 'Task', value: 'task-9' }, FAST)).resolves.toEqual({
      state: 'success',
    });
    expect(session.methods.filter((m) => m.startsWith('RetrievePropertiesEx'))).toHaveLength(3);
  });

  it('gives up at the deadline', async () => {
    const session = taskSession([state('running')]);
    await expect(
      waitForTask(session, { type: 'Task', value: 'task-9' }, { ...FAST, timeoutMs: 20 }),
    ).rejects.toMatchObject({ code: 'vsphere.fault', message: 'task task-9 did not finish within 20 ms' });
  });
});

describe('VSphereVmActions', () => {
  it('powers off through PowerOffVM_Task on the VM', async () => {
    const session = taskSession([state('success')]);
    await new VSphereVmActions(session, FAST).powerOff('vm-42');
    expect(session.methods[0]).toBe('PowerOffVM_Task vm-42');
  });

  it('treats powering off a VM that is already off as done', async () => {
    const fields = '<requestedState>poweredOff</requestedState><existingState>poweredOff</existingState>';
    const session = taskSession([
      state('error') + error('InvalidPowerState', '*types.InvalidPowerState', fields),
    ]);
    await expect(new VSphereVmActions(session, FAST).powerOff('vm-42')).resolves.toBeUndefined();
  });

  it('reports a failed destroy with the localized message and fault type', async () => {
    const session = taskSession([
      state('running'),
      state('error') +
        error(
          'InvalidPowerState',
          'The attempted operation cannot be performed in the current state (Powered on).',
        ),
    ]);
    await expect(new VSphereVmActions(session, FAST).destroy('vm-42')).rejects.toMatchObject({
      code: 'vsphere.fault',
      faultType: 'InvalidPowerState',
      message:
        'Destroy_Task on vm-42 failed: The attempted operation cannot be performed in the current state (Powered on).',
    });
  });

  it('falls back to the fault type when the simulator leaves a Go type name as the message', async () => {
    const fields = '<requestedState>poweredOff</requestedState><existingState>poweredOn</existingState>';
    const session = taskSession([
      state('error') + error('InvalidPowerState', '*types.InvalidPowerState', fields),
    ]);
    await expect(new VSphereVmActions(session, FAST).destroy('vm-42')).rejects.toThrow(
      'Destroy_Task on vm-42 failed: InvalidPowerState',
    );
  });
});
