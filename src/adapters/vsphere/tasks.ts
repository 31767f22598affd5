/** VM power-off and destroy for remediation, each waiting for its vSphere Task to finish. */
import { setTimeout as sleep } from 'node:timers/promises';
import { type MoRef, readMoRef, type SoapSession } from './client.js';
import { VSphereError } from './errors.js';
import { objectsFilterSpec, retrievePages } from './property-collector.js';
import { childElement, childText, type XmlElement } from './soap-xml.js';

/** The mutating VM operations remediation needs; `moref` is a VmRecord's `moref` (e.g. `vm-42`). */
export interface VmActions {
  /** Powers the VM off (hard); succeeds if it is already off. */
  powerOff(moref: string): Promise<void>;
  /** Destroys the VM and its files; it must be powered off first. */
  destroy(moref: string): Promise<void>;
}

/** Polling of task state. */
export interface WaitOptions {
  /** Give up after this long; default 10 minutes. */
  timeoutMs?: number;
  /** First poll delay, growing by half each poll up to `maxPollMs`; default 100 ms. */
  pollMs?: number;
  /** Longest delay between polls; default 2 s. */
  maxPollMs?: number;
}

/** The end state of a task: vSphere's fault type and message when it failed. */
export type TaskOutcome =
  | { state: 'success' }
  | { state: 'error'; faultType: string; message: string; fault?: XmlElement };

/** Polls `task`'s `info.state` until success or error (or the deadline). */
export async function waitForTask(
  session: SoapSession,
  task: MoRef,
  options: WaitOptions = {},
): Promise<TaskOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  const maxPollMs = options.maxPollMs ?? 2_000;
  let delay = options.pollMs ?? 100;
  const spec = objectsFilterSpec([task], [{ type: 'Task', paths: ['info.state', 'info.error'] }]);
  for (;;) {
    for await (const page of retrievePages(session, spec)) {
      const content = page[0];
      const state = content?.props.get('info.state')?.text;
      if (state === 'success') return { state: 'success' };
      if (state === 'error') return taskError(content?.props.get('info.error'));
    }
    if (Date.now() + delay > deadline) {
      throw new VSphereError(
        'vsphere.fault',
        `task ${task.value} did not finish within ${options.timeoutMs ?? 600_000} ms`,
      );
    }
    await sleep(delay);
    delay = Math.min(maxPollMs, Math.ceil(delay * 1.5));
  }
}

function taskError(error: XmlElement | undefined): TaskOutcome {
  const fault = error && childElement(error, 'fault');
  const faultType = fault?.xsiType ?? 'unknown fault';
  const localized = (error && childText(error, 'localizedMessage')) ?? '';
  // govmomi's simulator puts the Go type name (`*types.InvalidPowerState`) in localizedMessage.
  const message = localized && !localized.startsWith('*types.') ? localized : faultType;
  return { state: 'error', faultType, message, fault };
}

/** Starts `<method>` on the VM and waits for its task; a task error becomes a `vsphere.fault`. */
async function runVmTask(
  session: SoapSession,
  method: string,
  vm: string,
  options: WaitOptions,
  accept?: (outcome: Extract<TaskOutcome, { state: 'error' }>) => boolean,
): Promise<void> {
  const res = await session.call(method, { type: 'VirtualMachine', value: vm }, [], { idempotent: false });
  const task = readMoRef(childElement(res, 'returnval'));
  if (!task) throw new VSphereError('vsphere.fault', `${method} on ${vm} failed: no task in the answer`);
  const outcome = await waitForTask(session, task, options);
  if (outcome.state === 'success' || accept?.(outcome)) return;
  throw new VSphereError('vsphere.fault', `${method} on ${vm} failed: ${outcome.message}`, {
    faultType: outcome.faultType,
  });
}

/** Powers a VM off; an InvalidPowerState fault whose existing state is poweredOff counts as done. */
export function powerOffVm(session: SoapSession, vm: string, options: WaitOptions = {}): Promise<void> {
  return runVmTask(session, 'PowerOffVM_Task', vm, options, (o) => {
    return (
      o.faultType === 'InvalidPowerState' &&
      o.fault !== undefined &&
      childText(o.fault, 'existingState') === 'poweredOff'
    );
  });
}

/** Destroys a (powered-off) VM. */
export function destroyVm(session: SoapSession, vm: string, options: WaitOptions = {}): Promise<void> {
  return runVmTask(session, 'Destroy_Task', vm, options);
}

/** VmActions backed by a live session. */
export class VSphereVmActions implements VmActions {
  readonly #session: SoapSession;
  readonly #options: WaitOptions;

  constructor(session: SoapSession, options: WaitOptions = {}) {
    this.#session = session;
    this.#options = options;
  }

  /** See `powerOffVm`. */
  powerOff(moref: string): Promise<void> {
    return powerOffVm(this.#session, moref, this.#options);
  }

  /** See `destroyVm`. */
  destroy(moref: string): Promise<void> {
    return destroyVm(this.#session, moref, this.#options);
  }
}
